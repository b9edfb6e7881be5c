/**
 * Start-up checks of the configured database, so that a wrong setting stops the service with what to fix rather than
 * with the first SQL statement that fails.
 */
package com.byomlab.database;
