package com.byomlab.calls;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.database.CachedRows;
import com.byomlab.database.RowCache;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
import com.byomlab.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fallback orders: the user's own (table llm_fallback_orders, scope "user"), and a gateway token's own (scope
 * "token:&lt;id&gt;"), which replaces the user's for that token's calls. Only the user's own active credentials can be
 * named (checked when the order is set, and again owner-scoped at every call, so a credential deleted since is
 * skipped and never another user's); the system default only if the operator allows it.
 */
@Service
public class FallbackOrders {

    private static final String USER_SCOPE = "user";

    private final JdbcClient jdbc;
    private final SessionCredentials credentials;
    private final FallbackSettings settings;
    private final AuditLog audit;
    /** The rows of a user (and token), none included: read on every call. */
    private final CachedRows<Scopes, Map<String, FallbackOrder>> orders;
    private final Function<Scopes, Map<String, FallbackOrder>> readOrders = this::readOrders;

    /** @param tokenId null: the user's order only */
    private record Scopes(UUID userId, UUID tokenId) {
    }

    FallbackOrders(JdbcClient jdbc, SessionCredentials credentials, FallbackSettings settings, AuditLog audit,
                   RowCache cache) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.settings = settings;
        this.audit = audit;
        this.orders = cache.rows(10_000);
    }

    /** The user's order as it stands, credentials deleted since left out; {@link FallbackOrder#NONE} if none. */
    public FallbackOrder ofUser(UUID userId) {
        FallbackOrder stored = read(userId, null).getOrDefault(USER_SCOPE, FallbackOrder.NONE);
        return new FallbackOrder(stored.credentialIds().stream().filter(id -> active(userId, id)).toList(),
                stored.useSystemDefault());
    }

    /** Replaces the user's order (audited); an empty one removes it (calls fail as they did without fallbacks). */
    public FallbackOrder replace(UUID userId, FallbackRequest request, String clientAddress) {
        FallbackOrder order = validated(userId, request);
        store(userId, USER_SCOPE, order, false);
        audit.record(AuditEvent.of(userId, "fallback.update", AuditEvent.Outcome.SUCCESS, null, null, clientAddress,
                order.credentialIds().size() + " credentials" + (order.useSystemDefault() ? ", then the system default"
                        : "")));
        return order;
    }

    /** A token's own order, if it has one. */
    public Optional<FallbackOrder> ofToken(UUID userId, UUID tokenId) {
        return Optional.ofNullable(read(userId, tokenId).get(tokenScope(tokenId)));
    }

    /** Stores a token's own order (already {@link #validated}); an empty one means "no fallback" for that token. */
    public void saveForToken(UUID userId, UUID tokenId, FallbackOrder order) {
        store(userId, tokenScope(tokenId), order, true);
    }

    /**
     * The order a request names, checked: at most {@value FallbackSettings#MAX_CREDENTIALS} credentials, each named
     * once and each an active credential of this user, the system default only where the operator allows it.
     *
     * @throws ApiProblem 422 {@code invalid_fallback_order} or {@code system_default_fallback_not_allowed}
     */
    public FallbackOrder validated(UUID userId, FallbackRequest request) {
        if (request == null) {
            return FallbackOrder.NONE;
        }
        List<UUID> ids = request.credentialIds() == null ? List.of() : request.credentialIds();
        if (ids.size() > FallbackSettings.MAX_CREDENTIALS) {
            throw invalid("credential_ids lists " + ids.size() + " credentials; a fallback order holds at most "
                    + FallbackSettings.MAX_CREDENTIALS + ".");
        }
        Set<UUID> seen = new HashSet<>();
        for (UUID id : ids) {
            if (id == null) {
                throw invalid("credential_ids must not contain null: list the ids of your credentials.");
            }
            if (!seen.add(id)) {
                throw invalid("credential_ids lists " + id + " twice; name each credential once.");
            }
            if (!active(userId, id)) {
                // the same words for another user's credential and for none at all: nothing is revealed
                throw invalid("credential_ids names " + id + ", which is not one of your active credentials. "
                        + "GET /api/v1/users/me/llm-credentials lists them.");
            }
        }
        boolean systemDefault = Boolean.TRUE.equals(request.useSystemDefault());
        if (systemDefault && !settings.systemDefaultAllowed()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "system_default_fallback_not_allowed",
                    "This service does not allow falling back to the operator's system default model; send "
                            + "use_system_default: false and list your own credentials instead.");
        }
        return new FallbackOrder(ids, systemDefault);
    }

    public boolean systemDefaultAllowed() {
        return settings.systemDefaultAllowed();
    }

    /**
     * The order that applies to a call: the token's own if it has one (with {@code tokenId} null, the user's), else
     * the user's. One read. Credentials are not checked here: the call reads each one owner-scoped when it needs it.
     */
    FallbackOrder forCall(UUID userId, UUID tokenId) {
        Map<String, FallbackOrder> orders = read(userId, tokenId);
        if (tokenId != null && orders.containsKey(tokenScope(tokenId))) {
            return orders.get(tokenScope(tokenId));
        }
        return orders.getOrDefault(USER_SCOPE, FallbackOrder.NONE);
    }

    private Map<String, FallbackOrder> read(UUID userId, UUID tokenId) {
        return orders.get(new Scopes(userId, tokenId), readOrders);
    }

    private Map<String, FallbackOrder> readOrders(Scopes key) {
        return Map.copyOf(jdbc.sql("SELECT scope, credential_ids, use_system_default FROM llm_fallback_orders "
                        + "WHERE user_id = ? AND scope IN (?, ?)")
                .params(key.userId(), USER_SCOPE, key.tokenId() == null ? USER_SCOPE : tokenScope(key.tokenId()))
                .query((rs, n) -> Map.entry(rs.getString(1), new FallbackOrder(ids(rs.getString(2)),
                        rs.getBoolean(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a)));
    }

    /** @param keepEmpty an empty order is stored as such (a token that opted out), else it removes the row */
    private void store(UUID userId, String scope, FallbackOrder order, boolean keepEmpty) {
        if (order.isEmpty() && !keepEmpty) {
            jdbc.sql("DELETE FROM llm_fallback_orders WHERE user_id = ? AND scope = ?").params(userId, scope).update();
            return;
        }
        String ids = order.credentialIds().stream().map(UUID::toString).collect(Collectors.joining(","));
        if (update(userId, scope, ids, order.useSystemDefault()) == 0) {
            try {
                jdbc.sql("INSERT INTO llm_fallback_orders (user_id, scope, credential_ids, use_system_default, "
                                + "updated_at) VALUES (?, ?, ?, ?, ?)")
                        .params(userId, scope, ids, order.useSystemDefault(), now()).update();
            } catch (DuplicateKeyException concurrentPut) {
                update(userId, scope, ids, order.useSystemDefault()); // the last write wins, as for any PUT
            }
        }
    }

    private int update(UUID userId, String scope, String ids, boolean systemDefault) {
        return jdbc.sql("UPDATE llm_fallback_orders SET credential_ids = ?, use_system_default = ?, updated_at = ? "
                + "WHERE user_id = ? AND scope = ?").params(ids, systemDefault, now(), userId, scope).update();
    }

    private boolean active(UUID userId, UUID credentialId) {
        try {
            credentials.describe(userId, credentialId);
            return true;
        } catch (CredentialUnavailableException e) {
            return false;
        }
    }

    private static List<UUID> ids(String text) {
        List<UUID> ids = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(String::strip).map(UUID::fromString).forEach(ids::add);
        }
        return ids;
    }

    private static String tokenScope(UUID tokenId) {
        return "token:" + tokenId;
    }

    private static java.time.OffsetDateTime now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static ApiProblem invalid(String message) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_fallback_order", message);
    }
}
