-- Full-text search (SQLite FTS5). Kept in sync by triggers, so every write path (ingest, edits,
-- merges, deletes) updates it in the same transaction. SQLite-specific: the PostgreSQL port
-- replaces this migration and src/db/search.ts (tsvector + GIN).
--
-- search_doc maps each indexed record to a stable integer rowid of search_fts
-- (an explicit INTEGER PRIMARY KEY survives VACUUM; implicit rowids may not).
CREATE TABLE "search_doc" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "search_doc_entityId_key" ON "search_doc"("entityId");

CREATE VIRTUAL TABLE "search_fts" USING fts5(
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Articles: title; summary, key points and body. Tombstoned articles leave the index.
CREATE TRIGGER "search_article_ai" AFTER INSERT ON "Article" WHEN new."deletedAt" IS NULL BEGIN
    INSERT INTO "search_doc" ("entity", "entityId") VALUES ('article', new."id");
    INSERT INTO "search_fts" (rowid, title, body)
    VALUES (last_insert_rowid(), new."title", coalesce(new."summary", '') || ' ' || coalesce(new."keyPoints", '') || ' ' || new."body");
END;
CREATE TRIGGER "search_article_au" AFTER UPDATE ON "Article" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
    INSERT INTO "search_doc" ("entity", "entityId") SELECT 'article', new."id" WHERE new."deletedAt" IS NULL;
    INSERT INTO "search_fts" (rowid, title, body)
    SELECT last_insert_rowid(), new."title", coalesce(new."summary", '') || ' ' || coalesce(new."keyPoints", '') || ' ' || new."body"
    WHERE new."deletedAt" IS NULL;
END;
CREATE TRIGGER "search_article_ad" AFTER DELETE ON "Article" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
END;

-- Claims: summary; quote and evidence passage.
CREATE TRIGGER "search_claim_ai" AFTER INSERT ON "Claim" WHEN new."deletedAt" IS NULL BEGIN
    INSERT INTO "search_doc" ("entity", "entityId") VALUES ('claim', new."id");
    INSERT INTO "search_fts" (rowid, title, body)
    VALUES (last_insert_rowid(), new."summary", coalesce(new."quoteText", '') || ' ' || new."evidenceExact");
END;
CREATE TRIGGER "search_claim_au" AFTER UPDATE ON "Claim" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
    INSERT INTO "search_doc" ("entity", "entityId") SELECT 'claim', new."id" WHERE new."deletedAt" IS NULL;
    INSERT INTO "search_fts" (rowid, title, body)
    SELECT last_insert_rowid(), new."summary", coalesce(new."quoteText", '') || ' ' || new."evidenceExact"
    WHERE new."deletedAt" IS NULL;
END;
CREATE TRIGGER "search_claim_ad" AFTER DELETE ON "Claim" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
END;

-- Events: title; description, subtype, location.
CREATE TRIGGER "search_event_ai" AFTER INSERT ON "Event" WHEN new."deletedAt" IS NULL BEGIN
    INSERT INTO "search_doc" ("entity", "entityId") VALUES ('event', new."id");
    INSERT INTO "search_fts" (rowid, title, body)
    VALUES (last_insert_rowid(), new."title", coalesce(new."description", '') || ' ' || coalesce(new."subtype", '') || ' ' || coalesce(new."locationName", ''));
END;
CREATE TRIGGER "search_event_au" AFTER UPDATE ON "Event" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
    INSERT INTO "search_doc" ("entity", "entityId") SELECT 'event', new."id" WHERE new."deletedAt" IS NULL;
    INSERT INTO "search_fts" (rowid, title, body)
    SELECT last_insert_rowid(), new."title", coalesce(new."description", '') || ' ' || coalesce(new."subtype", '') || ' ' || coalesce(new."locationName", '')
    WHERE new."deletedAt" IS NULL;
END;
CREATE TRIGGER "search_event_ad" AFTER DELETE ON "Event" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
END;

-- Actors: name; aliases, title and description. Rebuilt whenever the actor or an alias changes.
CREATE TRIGGER "search_actor_ai" AFTER INSERT ON "Actor" WHEN new."deletedAt" IS NULL AND new."mergedIntoId" IS NULL BEGIN
    INSERT INTO "search_doc" ("entity", "entityId") VALUES ('actor', new."id");
    INSERT INTO "search_fts" (rowid, title, body)
    VALUES (last_insert_rowid(), new."name", coalesce(new."title", '') || ' ' || coalesce(new."description", ''));
END;
CREATE TRIGGER "search_actor_au" AFTER UPDATE ON "Actor" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
    INSERT INTO "search_doc" ("entity", "entityId") SELECT 'actor', new."id" WHERE new."deletedAt" IS NULL AND new."mergedIntoId" IS NULL;
    INSERT INTO "search_fts" (rowid, title, body)
    SELECT last_insert_rowid(), new."name",
           coalesce((SELECT group_concat("alias", ' ') FROM "ActorAlias" WHERE "actorId" = new."id"), '') || ' ' ||
           coalesce(new."title", '') || ' ' || coalesce(new."description", '')
    WHERE new."deletedAt" IS NULL AND new."mergedIntoId" IS NULL;
END;
CREATE TRIGGER "search_actor_ad" AFTER DELETE ON "Actor" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."id");
    DELETE FROM "search_doc" WHERE "entityId" = old."id";
END;
CREATE TRIGGER "search_alias_ai" AFTER INSERT ON "ActorAlias" BEGIN
    UPDATE "search_fts"
    SET body = coalesce((SELECT group_concat("alias", ' ') FROM "ActorAlias" WHERE "actorId" = new."actorId"), '') || ' ' ||
               coalesce((SELECT coalesce("title", '') || ' ' || coalesce("description", '') FROM "Actor" WHERE "id" = new."actorId"), '')
    WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = new."actorId");
END;
CREATE TRIGGER "search_alias_ad" AFTER DELETE ON "ActorAlias" BEGIN
    UPDATE "search_fts"
    SET body = coalesce((SELECT group_concat("alias", ' ') FROM "ActorAlias" WHERE "actorId" = old."actorId"), '') || ' ' ||
               coalesce((SELECT coalesce("title", '') || ' ' || coalesce("description", '') FROM "Actor" WHERE "id" = old."actorId"), '')
    WHERE rowid = (SELECT "id" FROM "search_doc" WHERE "entityId" = old."actorId");
END;
