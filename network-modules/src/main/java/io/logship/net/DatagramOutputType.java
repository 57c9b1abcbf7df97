package io.logship.net;

import io.logship.api.Event;
import io.logship.api.OutputType;
import java.util.List;

/**
 * An {@link OutputType} whose events go out as one or more datagrams of at most a given size (xm_gelf's
 * {@code GELF_UDP}: a compressed message split into GELF chunks). om_udp and om_uds (datagram) use
 * {@link #datagrams} when their {@code OutputType} names such an extension; any other type's {@link #encode} is one
 * datagram, truncated at the limit and counted.
 */
public interface DatagramOutputType extends OutputType {
    /**
     * The datagrams for one event, in sending order, each at most {@code maxDatagram} bytes.
     *
     * @throws IllegalArgumentException when the event cannot be written in this type (the message says why)
     */
    List<byte[]> datagrams(Event event, int maxDatagram);
}
