package io.logship.api;

/** The block a module is configured in: {@code <Input>}, {@code <Output>}, {@code <Processor>}, {@code <Extension>}. */
public enum ModuleKind {
    INPUT, OUTPUT, PROCESSOR, EXTENSION
}
