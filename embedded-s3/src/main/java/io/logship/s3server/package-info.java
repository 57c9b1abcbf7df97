/** embedded-s3. */
package io.logship.s3server;
