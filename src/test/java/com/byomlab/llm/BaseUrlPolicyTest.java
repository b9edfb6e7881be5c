package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlPolicyTest {

    private final BaseUrlPolicy strict = new BaseUrlPolicy(false);
    private final BaseUrlPolicy permissive = new BaseUrlPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:11434/v1", "http://127.1/v1", "http://2130706433/v1", "http://0x7f000001/v1",
            "http://10.1.2.3/v1", "http://172.16.0.1/v1", "http://172.31.255.255/v1", "http://192.168.1.10/v1",
            "http://169.254.10.1/v1", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/v1",
            "http://100.127.255.254/v1", "http://0177.0.0.1/v1", "http://0.0.0.0/v1", "http://224.0.0.1/v1", "http://255.255.255.255/v1",
            "http://[::1]/v1", "http://[::]/v1", "http://[fc00::1]/v1", "http://[fd12:3456::1]/v1",
            "http://[fd00:ec2::254]/latest", "http://[fe80::1]/v1", "http://[ff02::1]/v1",
            "http://[::ffff:127.0.0.1]/v1", "http://[::ffff:7f00:1]/v1", "http://[::ffff:a9fe:a9fe]/v1",
            "http://[64:ff9b::a00:1]/v1", "http://[2002:c0a8:0101::1]/v1",
            "http://metadata.google.internal/computeMetadata/v1", "http://METADATA.GOOGLE.INTERNAL./x" })
    void refusesPrivateLoopbackLinkLocalAndMetadataAddresses(String url) {
        assertThat(strict.rejectionReason(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://api.openai.com/v1", "https://openrouter.ai/api/v1", "http://8.8.8.8:8000/v1",
            "https://my-resource.openai.azure.com", "http://[2606:4700::1111]/v1", "http://172.32.0.1/v1",
            "http://100.128.0.1/v1", "http://localhost:11434/v1" /* a name: judged at connect time */ })
    void allowsPublicAddressesAndLeavesNamesToConnectTime(String url) {
        assertThat(strict.rejectionReason(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://example.com/v1", "file:///etc/passwd", "gopher://example.com/", "example.com/v1",
            "https://user:pass@example.com/v1", "https://user@example.com/v1", "https://example.com/v1#frag",
            "http:///v1", "not a url", "", "   " })
    void refusesBadShapes(String url) {
        assertThat(strict.rejectionReason(url)).isPresent();
    }

    @Test
    void nullIsRefused() {
        assertThat(strict.rejectionReason(null)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:11434/v1", "http://10.0.0.5/v1", "http://192.168.1.10/v1",
            "http://[::1]/v1", "http://[fd12::1]/v1" })
    void allowPrivateEndpointsOpensPrivateRanges(String url) {
        assertThat(permissive.rejectionReason(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/latest",
            "http://metadata.google.internal/computeMetadata/v1", "http://[::ffff:169.254.169.254]/" })
    void cloudMetadataStaysRefusedEvenWhenPrivateEndpointsAreAllowed(String url) {
        assertThat(permissive.rejectionReason(url)).isPresent();
    }

    @Test
    void connectTimeCheckJudgesResolvedAddresses() throws Exception {
        assertThat(strict.permits(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(strict.permits(InetAddress.getByName("::ffff:10.0.0.1"))).isFalse();
        assertThat(strict.permits(InetAddress.getByName("93.184.215.14"))).isTrue();
        assertThat(permissive.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(permissive.permits(InetAddress.getByName("169.254.169.254"))).isFalse();
    }
}
