-- Hand-written (Prisma does not model triggers; the table is outside the Prisma model and named in
-- the engine's externalTables filter). The PostgreSQL counterpart of SQLite's PRAGMA data_version
-- (src/db/data-version.ts): one row whose version goes up with every statement that writes to a
-- table of the model, in the writing transaction, so that it changes exactly when a write commits
-- and never for a rolled-back one. API instances key their response caches by it, and LISTEN on
-- the channel geobrief_data to hear of another instance's commit at once: NOTIFY is delivered on
-- commit only, and notifications of one transaction with the same payload are folded into one.
-- The row is locked by a writing transaction until it ends, so writers take turns from their
-- first write statement on, as SQLite's single writer does. The trigger runs BEFORE each statement,
-- so the version row is locked before any row the statement writes: an AFTER trigger took it after
-- them, and two transactions writing the same rows in turn deadlocked (40P01) where they now wait.
-- (The API's writers also take a transaction advisory lock first: src/db/postgres/database.ts.)
CREATE TABLE "data_version" (
    "id" INT PRIMARY KEY CHECK ("id" = 1),
    "v" BIGINT NOT NULL
);

INSERT INTO "data_version" ("id", "v") VALUES (1, 0);

CREATE FUNCTION "data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version" SET "v" = "v" + 1 WHERE "id" = 1;
  PERFORM pg_notify('geobrief_data', '');
  RETURN NULL;
END
$$;

-- Every table of the Prisma model (not data_version, search_doc or _prisma_migrations).
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "Article"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "BriefDoc"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ArticleTopic"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ArticleActor"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "Actor"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ActorAlias"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ActorAffiliation"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "Claim"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ClaimActor"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ClaimLink"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "Event"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "EventParticipant"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "EventReport"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "ApiKey"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
CREATE TRIGGER "data_version_bump" BEFORE INSERT OR UPDATE OR DELETE ON "Change"
FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump"();
