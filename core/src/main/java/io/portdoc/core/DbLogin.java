package io.portdoc.core;

/**
 * The database login a client would use ({@code --db-user}, {@code --db-name}); either may be
 * null. Without a database, libpq connects to the database named like the user, as psql does.
 * The CLI sets it with {@link #use} until the target carries it; the PostgreSQL judge reads
 * {@link #given()}. It lives in core so that the CLI reaches it without depending on the checks.
 */
public record DbLogin(String user, String database) {
    public static final DbLogin ANY = new DbLogin(null, null);
    private static volatile DbLogin given = ANY;

    public DbLogin {
        user = user == null || user.isBlank() ? null : user;
        database = database == null || database.isBlank() ? null : database;
        if (database == null && user != null) {
            database = user;
        }
    }

    /** The options of this run (one process diagnoses with one set of options). */
    public static void use(DbLogin login) {
        given = login == null ? ANY : login;
    }

    public static DbLogin given() {
        return given;
    }

    public boolean any() {
        return user == null && database == null;
    }
}
