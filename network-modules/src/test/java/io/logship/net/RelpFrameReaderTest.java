package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelpFrameReaderTest {
    private final List<RelpFrame> frames = new ArrayList<>();
    private final RelpFrameReader reader = new RelpFrameReader("relp.example:2514", 1024);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void feed(String s) throws RelpProtocolException {
        byte[] b = bytes(s);
        reader.feed(b, 0, b.length, frames::add);
    }

    private static String describe(RelpFrame f) {
        return f.txnr() + " " + f.command() + " [" + f.text() + "]";
    }

    @Test
    void feed_wholeFrames_eachOneInOrder() throws Exception {
        feed("1 rsp 6 200 OK\n2 rsp 6 200 OK\n0 serverclose 0\n3 syslog 12 line\nwith LF\n");
        assertThat(frames).extracting(RelpFrameReaderTest::describe).containsExactly(
                "1 rsp [200 OK]", "2 rsp [200 OK]", "0 serverclose []", "3 syslog [line\nwith LF]");
        assertThat(reader.idle()).isTrue();
    }

    @Test
    void feed_splitAtEveryOffset_sameFramesAsWhole() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        RelpFrame.of(1, "rsp", "200 OK\nrelp_version=0\ncommands=syslog").writeTo(all);
        RelpFrame.of(2, "syslog", "<13>1 - h app - - - ünïcode").writeTo(all);
        RelpFrame.of(999_999_999, "close", "").writeTo(all);
        byte[] b = all.toByteArray();
        for (int cut = 1; cut < b.length; cut++) {
            List<RelpFrame> got = new ArrayList<>();
            RelpFrameReader r = new RelpFrameReader("p:1", 1024);
            r.feed(b, 0, cut, got::add);
            r.feed(b, cut, b.length - cut, got::add);
            assertThat(got).as("cut at %d", cut).extracting(RelpFrameReaderTest::describe).containsExactly(
                    "1 rsp [200 OK\nrelp_version=0\ncommands=syslog]", "2 syslog [<13>1 - h app - - - ünïcode]",
                    "999999999 close []");
        }
    }

    @Test
    void feed_oneByteAtATime_partialFrameHeldUntilComplete() throws Exception {
        byte[] b = bytes("7 rsp 6 200 OK\n");
        for (int i = 0; i < b.length - 1; i++) {
            reader.feed(b, i, 1, frames::add);
            assertThat(frames).isEmpty();
            assertThat(reader.idle()).isFalse();
        }
        reader.feed(b, b.length - 1, 1, frames::add);
        assertThat(frames).extracting(RelpFrameReaderTest::describe).containsExactly("7 rsp [200 OK]");
    }

    @Test
    void feed_httpRequest_isRejectedNamingPeerAndOffset() {
        assertThatThrownBy(() -> feed("GET / HTTP/1.1\r\n"))
                .isInstanceOf(RelpProtocolException.class)
                .hasMessage("relp.example:2514: not a RELP frame at stream offset 0: a frame must start with a "
                        + "transaction number, got 'G'");
    }

    @Test
    void feed_garbageAfterAGoodFrame_goodFrameKeptAndOffsetCounted() {
        assertThatThrownBy(() -> feed("1 rsp 6 200 OK\n\u0000junk"))
                .hasMessageContaining("at stream offset 15: a frame must start with a transaction number, got byte 0x00");
        assertThat(frames).extracting(RelpFrameReaderTest::describe).containsExactly("1 rsp [200 OK]");
    }

    @Test
    void feed_dataLenOverTheLimit_rejectedBeforeAnyDataIsBuffered() {
        assertThatThrownBy(() -> feed("1 syslog 999999999 "))
                .hasMessageContaining("DATALEN 999999999 is over the limit of 1024 octets");
    }

    @Test
    void feed_tenDigitNumbers_rejected() {
        assertThatThrownBy(() -> feed("1234567890 rsp 0\n")).hasMessageContaining("transaction number longer than 9");
        RelpFrameReader r = new RelpFrameReader("p:1", 1024);
        byte[] b = bytes("1 rsp 12345678901 x");
        assertThatThrownBy(() -> r.feed(b, 0, b.length, frames::add)).hasMessageContaining("DATALEN longer than 9");
    }

    @Test
    void feed_missingTrailer_rejected() {
        assertThatThrownBy(() -> feed("1 rsp 6 200 OKX")).hasMessageContaining(
                "frame of 6 data octets not followed by the LF trailer, got 'X'");
    }

    @Test
    void feed_badCommand_rejected() {
        assertThatThrownBy(() -> feed("1 rs-p 0\n")).hasMessageContaining("unexpected '-' in the command");
        RelpFrameReader r = new RelpFrameReader("p:1", 1024);
        byte[] b = bytes("1 " + "a".repeat(33) + " 0\n");
        assertThatThrownBy(() -> r.feed(b, 0, b.length, frames::add)).hasMessageContaining("longer than 32 letters");
    }

    @Test
    void feed_zeroLengthWithData_rejected() {
        assertThatThrownBy(() -> feed("1 rsp 0 x\n")).hasMessageContaining(
                "DATALEN 0 must be followed by the LF trailer, got byte 0x20");
    }

    @Test
    void feed_afterAnError_refusesEverything() {
        assertThatThrownBy(() -> feed("x")).isInstanceOf(RelpProtocolException.class);
        assertThatThrownBy(() -> feed("1 rsp 0\n")).hasMessageContaining("already broken");
        assertThat(frames).isEmpty();
    }

    @Test
    void encode_zeroLengthData_hasNoSpaceBeforeTrailer() {
        assertThat(new String(RelpFrame.of(5, "close", "").encode(), StandardCharsets.US_ASCII)).isEqualTo(
                "5 close 0\n");
        assertThat(new String(RelpFrame.of(2, "syslog", "abc").encode(), StandardCharsets.US_ASCII)).isEqualTo(
                "2 syslog 3 abc\n");
    }

    @Test
    void nextTxnr_latchesAtTheMaximumThenOne() {
        assertThat(RelpFrame.nextTxnr(1)).isEqualTo(2);
        assertThat(RelpFrame.nextTxnr(999_999_999)).isEqualTo(1);
    }

    @Test
    void response_parse_statusTextAndOffers() throws Exception {
        RelpResponse r = RelpResponse.parse("p:1", RelpFrame.of(1, "rsp",
                "200 OK\nrelp_version=0\nrelp_software=librelp,1.11.0\ncommands=syslog"));
        assertThat(r.ok()).isTrue();
        assertThat(r.message()).isEqualTo("OK");
        assertThat(r.offers()).containsEntry("relp_version", List.of("0"))
                .containsEntry("commands", List.of("syslog"))
                .containsEntry("relp_software", List.of("librelp", "1.11.0"));
        RelpResponse err = RelpResponse.parse("p:1", RelpFrame.of(3, "rsp", "500 message\u0007 too long"));
        assertThat(err.ok()).isFalse();
        assertThat(err.describe()).isEqualTo("500 message\\x07 too long");
        assertThatThrownBy(() -> RelpResponse.parse("p:1", RelpFrame.of(4, "rsp", "OK")))
                .hasMessage("p:1: RELP response 4 does not start with a three-digit status: OK");
    }

    @Test
    void window_acknowledgeOutOfOrder_isAProtocolError_andRestartRenumbersInOrder() throws Exception {
        RelpWindow w = new RelpWindow(3);
        w.takeTxnr();
        assertThat(w.add(bytes("a"))).isEqualTo(2);
        assertThat(w.add(bytes("b"))).isEqualTo(3);
        assertThat(w.add(bytes("c"))).isEqualTo(4);
        assertThat(w.hasRoom()).isFalse();
        assertThatThrownBy(() -> w.acknowledge("p:1", 3)).hasMessage(
                "p:1: RELP response for transaction 3, expected transaction 2");
        assertThat(new String(w.acknowledge("p:1", 2).message(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(w.restart(2)).extracting(e -> e.txnr() + "=" + new String(e.message(), StandardCharsets.UTF_8))
                .containsExactly("2=b", "3=c");
        assertThat(w.nextTxnr()).isEqualTo(4);
    }

    @Test
    void target_parse_hostPortForms() {
        assertThat(NetEndpoint.parseOne("logs.example", 514)).hasToString("logs.example:514");
        assertThat(NetEndpoint.parseOne("10.0.0.1:2514", 514)).hasToString("10.0.0.1:2514");
        assertThat(NetEndpoint.parseOne("[::1]:2514", 514)).isEqualTo(new NetEndpoint("::1", 2514));
        assertThat(NetEndpoint.parseOne("::1", 514)).hasToString("[::1]:514");
        assertThatThrownBy(() -> NetEndpoint.parseOne("h:99999", 514))
                .hasMessage("'h:99999': port 99999 is not between 1 and 65535");
        assertThatThrownBy(() -> NetEndpoint.parseOne("h:x", 514)).hasMessage("'h:x': port 'x' is not a number");
    }
}
