package com.byomlab.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Every value of every table of the current schema as text; binary values in three spellings (latin-1, hex, base64). */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String of(JdbcTemplate jdbc) {
        StringBuilder out = new StringBuilder();
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'", String.class);
        if (!tables.contains("user_llm_credentials")) {
            throw new AssertionError("the dump does not see the application tables: " + tables);
        }
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                row.forEach((column, value) -> {
                    out.append(table).append('.').append(column).append('=');
                    if (value instanceof byte[] bytes) {
                        out.append(new String(bytes, StandardCharsets.ISO_8859_1)).append(" | ")
                                .append(HexFormat.of().formatHex(bytes)).append(" | ")
                                .append(Base64.getEncoder().encodeToString(bytes));
                    } else {
                        out.append(value);
                    }
                    out.append('\n');
                });
            }
        }
        return out.toString();
    }
}
