package com.byomlab.ui;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One-time tokens for forms that store something: a form carries a fresh token, and only the first post
 * with it is carried out, so a double click or a resent form stores nothing twice. Kept in the session
 * (the newest {@link #MAX_OPEN} per session), so they end with the login.
 */
@Component
class FormTokens {

    static final String FIELD = "formToken";
    private static final String ATTRIBUTE = FormTokens.class.getName();
    private static final int MAX_OPEN = 50;
    private final SecureRandom random = new SecureRandom();

    String issue(HttpSession session) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<String> open = open(session);
        synchronized (open) {
            open.add(token);
        }
        return token;
    }

    /** True exactly once per issued token; false for an unknown, reused or missing one. */
    boolean consume(HttpSession session, String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        Set<String> open = open(session);
        synchronized (open) {
            return open.remove(token);
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> open(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Object existing = session.getAttribute(ATTRIBUTE);
            if (existing != null) {
                return (Set<String>) existing;
            }
            Set<String> tokens = Collections.newSetFromMap(new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_OPEN;
                }
            });
            session.setAttribute(ATTRIBUTE, tokens);
            return tokens;
        }
    }
}
