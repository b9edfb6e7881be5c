package com.byomlab.keyring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Loads ENCRYPTION_KEY (and ENCRYPTION_OLD_KEYS for rotation). Outside demo/dev mode a missing or
 * malformed key stops start-up; in demo/dev mode a development key is kept in a 0600 file under
 * ./data. No key is ever printed.
 */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);
    static final Path DEV_KEY_FILE = Path.of("data", "dev-master.key");

    @Bean
    MasterKeyRing masterKeyRing(Environment env) {
        String current = env.getProperty("ENCRYPTION_KEY", "").trim();
        byte[] currentKey;
        if (current.isEmpty()) {
            if (!isDemoOrDev(env)) {
                throw new MasterKeyMissingException("ENCRYPTION_KEY is not set.");
            }
            currentKey = devKey();
            log.warn("Demo/dev mode: using the development master key kept in {} (never use it in production)",
                    DEV_KEY_FILE);
        } else {
            currentKey = decode(current, "ENCRYPTION_KEY");
        }
        List<byte[]> former = new ArrayList<>();
        String old = env.getProperty("ENCRYPTION_OLD_KEYS", "");
        int position = 0;
        for (String item : old.split(",")) {
            position++;
            if (!item.isBlank()) {
                former.add(decode(item.trim(), "ENCRYPTION_OLD_KEYS entry " + position));
            }
        }
        try {
            MasterKeyRing ring = MasterKeyRing.of(currentKey, former);
            log.info("Master key ring ready: current key id {}, {} key(s) in all",
                    Integer.toUnsignedString(ring.primaryKeyId()), ring.keyIds().size());
            return ring;
        } catch (GeneralSecurityException e) {
            throw new MasterKeyMissingException("The master key could not be loaded.");
        }
    }

    static boolean isDemoOrDev(Environment env) {
        return env.getProperty("byom.demo", Boolean.class, false) || env.acceptsProfiles(Profiles.of("dev"));
    }

    private static byte[] decode(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyMissingException(name + " is not valid base64.");
        }
        if (key.length != MasterKeyRing.KEY_BYTES) {
            throw new MasterKeyMissingException(name + " must decode to exactly 32 bytes, it decodes to "
                    + key.length + ".");
        }
        return key;
    }

    private static byte[] devKey() {
        try {
            if (Files.exists(DEV_KEY_FILE)) {
                return decode(Files.readString(DEV_KEY_FILE).trim(), DEV_KEY_FILE.toString());
            }
            Files.createDirectories(DEV_KEY_FILE.getParent());
            byte[] key = new byte[MasterKeyRing.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(DEV_KEY_FILE.getParent(), "dev-master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
            Files.move(tmp, DEV_KEY_FILE);
            return key;
        } catch (IOException e) {
            throw new MasterKeyMissingException("The development key file " + DEV_KEY_FILE + " could not be used.");
        }
    }
}
