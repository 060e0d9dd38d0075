package io.portdoc.core;

/**
 * The database login a client would use ({@code --db-user}, {@code --db-name}); either may be
 * null. Without a database, libpq connects to the database named like the user, as psql does.
 * The target carries it ({@link Target#dbLogin()}); the PostgreSQL judge reads it there.
 */
public record DbLogin(String user, String database) {
    public static final DbLogin ANY = new DbLogin(null, null);

    public DbLogin {
        user = user == null || user.isBlank() ? null : user;
        database = database == null || database.isBlank() ? null : database;
        if (database == null && user != null) {
            database = user;
        }
    }

    public boolean any() {
        return user == null && database == null;
    }
}
