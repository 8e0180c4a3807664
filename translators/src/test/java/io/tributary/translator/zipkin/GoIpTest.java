package io.tributary.translator.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class GoIpTest {
    private static String format(String address) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(address).getAddress();
        return GoIp.format(bytes);
    }

    @Test
    void ipv6IsCompressedAtTheFirstLongestRunOfZeroGroups() throws UnknownHostException {
        assertThat(format("::1")).isEqualTo("::1");
        assertThat(format("::")).isEqualTo("::");
        assertThat(format("2001:db8:0:0:0:0:0:c001")).isEqualTo("2001:db8::c001");
        assertThat(format("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(format("2001:0:0:1:0:0:1:1")).isEqualTo("2001::1:0:0:1:1");
        assertThat(format("1:0:2:3:4:5:6:7")).as("one zero group is not compressed").isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(format("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
    }

    @Test
    void ipv4AndIpv4MappedAreDotted() throws UnknownHostException {
        assertThat(format("192.0.2.30")).isEqualTo("192.0.2.30");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 30};
        assertThat(GoIp.format(mapped)).isEqualTo("192.0.2.30");
    }

    @Test
    void otherLengthsAreMarkedAsGoMarksThem() {
        assertThat(GoIp.format(new byte[] {1, 2, 3})).isEqualTo("?010203");
    }
}
