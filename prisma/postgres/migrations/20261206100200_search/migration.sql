-- Hand-written (Prisma does not model generated tsvector columns, GIN indexes or triggers; the
-- table is outside the Prisma model and named in the engine's externalTables filter, so the drift
-- check ignores it). Full-text search replacing SQLite's FTS5 (prisma/migrations search_index):
-- one row per indexed record holding the text FTS5 held, and its tsvector, weighted A for the
-- title and B for the body (FTS5's bm25 weighted the title column 4 to 1). Kept in step by
-- triggers, so every write path (ingest, edits, merges, deletes) updates it in the same
-- transaction.
--
-- A record keeps its row, and so its id (which breaks ranking ties), for as long as it stays
-- indexed: an update rewrites the text in place (INSERT ... ON CONFLICT). SQLite deleted and
-- re-inserted the row, giving it a new id on every update.
-- Words are split as FTS5's unicode61 tokenizer splits them, on punctuation, before PostgreSQL's
-- parser sees the text: that parser reads "Diaoyu/Senkaku" as one file path, "rules-based" as a
-- compound, "<b>" as a tag it drops, and, in a C-collated database, a curly apostrophe as a letter
-- ("Japan’s" one word). search_text() replaces each punctuation or control character (ASCII, Latin-1,
-- general and CJK punctuation) by one space, so the text keeps its length: src/db/postgres/search.ts
-- replaces the same characters in the query's words, and maps ts_headline's fragment back onto the
-- original text for snippets.
CREATE FUNCTION "search_text"(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN regexp_replace(t, '[' || chr(1) || '-' || chr(47) || chr(58) || '-' || chr(64) || chr(91) || '-' || chr(96)
    || chr(123) || '-' || chr(127) || chr(160) || '-' || chr(191) || chr(8192) || '-' || chr(8303)
    || chr(12288) || '-' || chr(12351) || ']', ' ', 'g');

CREATE TABLE "search_doc" (
    "id" BIGSERIAL PRIMARY KEY,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL UNIQUE,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "tsv" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', search_text("title")), 'A')
        || setweight(to_tsvector('english', search_text("body")), 'B')
    ) STORED
);

CREATE INDEX "search_doc_tsv_idx" ON "search_doc" USING GIN ("tsv");

-- An actor's aliases joined by spaces, in the order SQLite's group_concat returned them (it reads
-- them through the ("actorId", "normalized") unique index), or NULL when it has none.
CREATE FUNCTION "search_actor_aliases"(actor_id TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT string_agg("alias", ' ' ORDER BY "normalized") FROM "ActorAlias" WHERE "actorId" = actor_id
$$;

-- Articles: title; summary, key points (their JSON text) and body. Claims: summary; quote and
-- evidence passage. Events: title; description, subtype, location. Actors: name; aliases, title and
-- description. Tombstoned records, and merged actors, leave the index.
CREATE FUNCTION "search_doc_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc_entity TEXT;
  doc_title TEXT;
  doc_body TEXT;
  indexed BOOLEAN;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "search_doc" WHERE "entityId" = OLD."id";
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'Article' THEN
    doc_entity := 'article';
    indexed := NEW."deletedAt" IS NULL;
    doc_title := NEW."title";
    doc_body := coalesce(NEW."summary", '') || ' ' || coalesce(NEW."keyPoints"::text, '') || ' ' || NEW."body";
  ELSIF TG_TABLE_NAME = 'Claim' THEN
    doc_entity := 'claim';
    indexed := NEW."deletedAt" IS NULL;
    doc_title := NEW."summary";
    doc_body := coalesce(NEW."quoteText", '') || ' ' || NEW."evidenceExact";
  ELSIF TG_TABLE_NAME = 'Event' THEN
    doc_entity := 'event';
    indexed := NEW."deletedAt" IS NULL;
    doc_title := NEW."title";
    doc_body := coalesce(NEW."description", '') || ' ' || coalesce(NEW."subtype", '') || ' ' || coalesce(NEW."locationName", '');
  ELSE -- Actor
    doc_entity := 'actor';
    indexed := NEW."deletedAt" IS NULL AND NEW."mergedIntoId" IS NULL;
    doc_title := NEW."name";
    IF TG_OP = 'INSERT' THEN
      -- As in SQLite: a new actor has no aliases yet (they reference it).
      doc_body := coalesce(NEW."title", '') || ' ' || coalesce(NEW."description", '');
    ELSE
      doc_body := coalesce("search_actor_aliases"(NEW."id"), '') || ' ' ||
                  coalesce(NEW."title", '') || ' ' || coalesce(NEW."description", '');
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND (NOT indexed OR OLD."id" IS DISTINCT FROM NEW."id") THEN
    DELETE FROM "search_doc" WHERE "entityId" = OLD."id";
  END IF;
  IF indexed THEN
    INSERT INTO "search_doc" ("entity", "entityId", "title", "body")
    VALUES (doc_entity, NEW."id", doc_title, doc_body)
    ON CONFLICT ("entityId") DO UPDATE
    SET "entity" = EXCLUDED."entity", "title" = EXCLUDED."title", "body" = EXCLUDED."body"
    -- An update that changes none of the text (most do not) leaves the row and its tsvector alone.
    WHERE ("search_doc"."entity", "search_doc"."title", "search_doc"."body")
          IS DISTINCT FROM (EXCLUDED."entity", EXCLUDED."title", EXCLUDED."body");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "search_article_ai" AFTER INSERT ON "Article"
FOR EACH ROW WHEN (NEW."deletedAt" IS NULL) EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_article_au" AFTER UPDATE ON "Article"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_article_ad" AFTER DELETE ON "Article"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();

CREATE TRIGGER "search_claim_ai" AFTER INSERT ON "Claim"
FOR EACH ROW WHEN (NEW."deletedAt" IS NULL) EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_claim_au" AFTER UPDATE ON "Claim"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_claim_ad" AFTER DELETE ON "Claim"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();

CREATE TRIGGER "search_event_ai" AFTER INSERT ON "Event"
FOR EACH ROW WHEN (NEW."deletedAt" IS NULL) EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_event_au" AFTER UPDATE ON "Event"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_event_ad" AFTER DELETE ON "Event"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();

CREATE TRIGGER "search_actor_ai" AFTER INSERT ON "Actor"
FOR EACH ROW WHEN (NEW."deletedAt" IS NULL AND NEW."mergedIntoId" IS NULL) EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_actor_au" AFTER UPDATE ON "Actor"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();
CREATE TRIGGER "search_actor_ad" AFTER DELETE ON "Actor"
FOR EACH ROW EXECUTE FUNCTION "search_doc_sync"();

-- An alias added or removed rewrites its actor's body, when the actor is indexed. As in SQLite
-- there is no UPDATE trigger: aliases are only ever inserted and deleted.
CREATE FUNCTION "search_doc_alias"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor_id TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN actor_id := NEW."actorId"; ELSE actor_id := OLD."actorId"; END IF;
  UPDATE "search_doc"
  SET "body" = coalesce("search_actor_aliases"(actor_id), '') || ' ' ||
               coalesce((SELECT coalesce(a."title", '') || ' ' || coalesce(a."description", '') FROM "Actor" a WHERE a."id" = actor_id), '')
  WHERE "entityId" = actor_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "search_alias_ai" AFTER INSERT ON "ActorAlias"
FOR EACH ROW EXECUTE FUNCTION "search_doc_alias"();
CREATE TRIGGER "search_alias_ad" AFTER DELETE ON "ActorAlias"
FOR EACH ROW EXECUTE FUNCTION "search_doc_alias"();
