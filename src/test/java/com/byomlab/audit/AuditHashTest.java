package com.byomlab.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoding written straight into a buffer hashes exactly as the canonical encoding built from strings does. */
class AuditHashTest {

    @Test
    void aKnownEntryHasItsKnownHash() {
        // computed with the string-built encoding (version 1) before the encoder was rewritten
        String hash = AuditHash.of(Instant.parse("2026-12-07T23:01:06.123456789Z"),
                UUID.fromString("0190c2a4-5b6e-7f00-8a1b-2c3d4e5f6071"), "token.create", "SUCCESS", "openai", null,
                UUID.fromString("ffffffff-0000-4000-8000-00000000000a"), "10.0.0.1", "détail ✓", AuditHash.GENESIS);
        assertThat(hash).isEqualTo(reference(Instant.parse("2026-12-07T23:01:06.123456789Z"),
                UUID.fromString("0190c2a4-5b6e-7f00-8a1b-2c3d4e5f6071"), "token.create", "SUCCESS", "openai", null,
                UUID.fromString("ffffffff-0000-4000-8000-00000000000a"), "10.0.0.1", "détail ✓", AuditHash.GENESIS))
                .isEqualTo("9d288e5dae4c880e19b3fbba746a753817b0840e5a70625529715c406488dc5d");
    }

    @Test
    void anyEntryHashesAsTheCanonicalEncodingSays() {
        Random random = new Random(27);
        for (int i = 0; i < 20_000; i++) {
            Instant at = random.nextInt(10) == 0 ? null : instant(random);
            UUID user = uuid(random);
            String operation = text(random);
            String outcome = text(random);
            String provider = text(random);
            UUID credential = uuid(random);
            UUID session = uuid(random);
            String address = text(random);
            String detail = text(random);
            String prev = random.nextInt(10) == 0 ? null : text(random);
            assertThat(AuditHash.of(at, user, operation, outcome, provider, credential, session, address, detail, prev))
                    .as("entry %d", i)
                    .isEqualTo(reference(at, user, operation, outcome, provider, credential, session, address, detail,
                            prev));
        }
    }

    private static Instant instant(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)); // years 0 to 9999
            case 1 -> Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 400_000_000_000L),
                    random.nextInt(1_000_000_000)); // beyond them too
            case 2 -> Instant.parse("9999-12-31T23:59:59.999999999Z");
            case 3 -> Instant.parse("0000-01-01T00:00:00Z");
            default -> Instant.now().plusNanos(random.nextInt(1_000_000_000));
        };
    }

    private static UUID uuid(Random random) {
        return random.nextInt(4) == 0 ? null : new UUID(random.nextLong(), random.nextLong());
    }

    private static String text(Random random) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        int n = random.nextInt(random.nextInt(10) == 0 ? 400 : 20);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(switch (random.nextInt(10)) {
                case 0 -> (char) random.nextInt(0x80, 0x800);
                case 1 -> (char) random.nextInt(0x800, 0x10000); // lone surrogates included
                case 2 -> "\uD83D\uDE00";
                default -> (char) random.nextInt(0x80);
            });
        }
        return s.toString();
    }

    /** Version 1 of the canonical encoding as it was first written: from strings. */
    private static String reference(Instant occurredAt, UUID userId, String operation, String outcome,
                                    String provider, UUID credentialId, UUID sessionId, String clientAddress,
                                    String detail, String prevHash) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes("byom-audit-v1".getBytes(StandardCharsets.US_ASCII));
        field(out, "occurred_at", occurredAt == null ? null : time.format(occurredAt.truncatedTo(ChronoUnit.MICROS)));
        field(out, "user_id", userId == null ? null : userId.toString());
        field(out, "operation", operation);
        field(out, "outcome", outcome);
        field(out, "provider", provider);
        field(out, "credential_id", credentialId == null ? null : credentialId.toString());
        field(out, "session_id", sessionId == null ? null : sessionId.toString());
        field(out, "client_address", clientAddress);
        field(out, "detail", detail);
        field(out, "prev_hash", prevHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        out.write('\n');
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write('=');
        if (value == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }
}
