/** s3-output. */
package io.logship.s3.output;
