/** python-modules. */
package io.logship.python;
