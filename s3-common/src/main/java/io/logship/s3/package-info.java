/**
 * What both S3 modules share: {@link io.logship.s3.S3Settings} (directives, credentials, client building),
 * {@link io.logship.s3.S3Errors} (error advice once per burst, retriability) and
 * {@link io.logship.s3.EventJson} (the JSON line format of om_s3 {@code Encoding json} / im_s3
 * {@code Decoding json}).
 */
package io.logship.s3;
