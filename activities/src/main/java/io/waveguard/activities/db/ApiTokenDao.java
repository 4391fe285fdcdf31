package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API tokens, stored hashed: issue, find by hash, list, revoke. */
@RegisterConstructorMapper(ApiTokenRow.class)
public interface ApiTokenDao {

  /**
   * Stores a new token and answers its id.
   *
   * @param services null for every service
   * @param expiresAt null for a token that never expires
   */
  @SqlUpdate(
      """
      INSERT INTO api_tokens (name, role, services, prefix, hash, expires_at)
      VALUES (:name, :role, :services, :prefix, :hash, :expiresAt)
      """)
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name,
      @Bind("role") String role,
      @Bind("services") String[] services,
      @Bind("prefix") String prefix,
      @Bind("hash") byte[] hash,
      @Bind("expiresAt") Timestamp expiresAt);

  /** The token whose SHA-256 this is, revoked and expired ones included (the caller decides). */
  @SqlQuery("SELECT * FROM api_tokens WHERE hash = :hash")
  Optional<ApiTokenRow> findByHash(@Bind("hash") byte[] hash);

  /** Every token, oldest first. */
  @SqlQuery("SELECT * FROM api_tokens ORDER BY id")
  List<ApiTokenRow> list();

  /** Revokes the token with this id; answers how many rows changed (0: unknown or revoked). */
  @SqlUpdate("UPDATE api_tokens SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
  int revokeById(@Bind("id") long id);

  /** Revokes the live token of this name; answers how many rows changed. */
  @SqlUpdate("UPDATE api_tokens SET revoked_at = now() WHERE name = :name AND revoked_at IS NULL")
  int revokeByName(@Bind("name") String name);
}
