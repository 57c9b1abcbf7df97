/** s3-common. */
package io.logship.s3;
