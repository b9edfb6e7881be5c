/**
 * The configured database: start-up checks, so that a wrong setting stops the service with what to fix rather than
 * with the first SQL statement that fails; and {@link com.byomlab.database.WriteBehind}, which writes usage and audit
 * rows in batches off the request path.
 */
package com.byomlab.database;
