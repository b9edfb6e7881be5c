package com.byomlab.ui;

import com.byomlab.web.CurrentUser;

/**
 * The logged-in page user of one request: {@link #user()} is what the services take (built from the page
 * session's user and this request's client address, never from form fields).
 */
record SignedIn(CurrentUser user, String displayName) {
}
