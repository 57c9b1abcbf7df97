package io.logship.api;

/** An {@code <Extension>} instance: started before every other module and stopped after them. */
public interface ExtensionModule extends Module {
}
