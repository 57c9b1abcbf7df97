/**
 * Network and local-socket modules: TCP, TLS, UDP and Unix-domain inputs and outputs with syslog framing,
 * xm_gelf, im_systemd, pm_buffer, and the disk spool every network output keeps. Each module exposes one
 * provider class; the rest is package-private.
 */
package io.logship.net;
