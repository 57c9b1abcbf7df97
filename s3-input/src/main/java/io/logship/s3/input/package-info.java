/** s3-input. */
package io.logship.s3.input;
