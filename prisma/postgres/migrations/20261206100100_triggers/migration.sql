-- Hand-written: Prisma does not model triggers or functions, so the schema engine neither generates
-- nor compares them (the drift check stays null). This is the PL/pgSQL port of the SQLite triggers
-- of prisma/migrations (article_actor_window, timeline_window, brief_doc, trigger_columns,
-- brief_doc_trigger_plan) as they stand after the last of them, under the same names, on the same
-- tables, for the same operations and UPDATE OF column lists. The FTS5 triggers are ported by
-- 20261206100200_search.
--
-- SQLite repeats a trigger body per table and operation; here one function serves a family of
-- tables and branches on TG_OP (and TG_TABLE_NAME where the key column's name differs). PL/pgSQL
-- compiles a trigger function separately for each table it is attached to and plans a statement
-- when it first runs, so NEW."articleId" and the like resolve per table.

-- Window copies ------------------------------------------------------------------------------------
-- Each actor link holds a copy of its record's date window, so that an actor's articles and
-- timeline are one index range scan. Ingest writes the copy itself; a link inserted without one
-- (both columns null) gets the record's. SQLite runs an AFTER INSERT trigger that updates the new
-- row; here a BEFORE INSERT trigger fills NEW: the same row results, without a second row version.
CREATE FUNCTION "window_copy_ai"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ArticleActor' THEN
    SELECT a."publishedFrom", a."publishedTo" INTO NEW."publishedFrom", NEW."publishedTo"
    FROM "Article" a WHERE a."id" = NEW."articleId";
  ELSIF TG_TABLE_NAME = 'ClaimActor' THEN
    SELECT c."statedFrom", c."statedTo" INTO NEW."statedFrom", NEW."statedTo"
    FROM "Claim" c WHERE c."id" = NEW."claimId";
  ELSE -- EventParticipant
    SELECT e."dateFrom", e."dateTo" INTO NEW."dateFrom", NEW."dateTo"
    FROM "Event" e WHERE e."id" = NEW."eventId";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "ArticleActor_window_ai" BEFORE INSERT ON "ArticleActor"
FOR EACH ROW WHEN (NEW."publishedFrom" IS NULL AND NEW."publishedTo" IS NULL)
EXECUTE FUNCTION "window_copy_ai"();

CREATE TRIGGER "ClaimActor_window_ai" BEFORE INSERT ON "ClaimActor"
FOR EACH ROW WHEN (NEW."statedFrom" IS NULL AND NEW."statedTo" IS NULL)
EXECUTE FUNCTION "window_copy_ai"();

CREATE TRIGGER "EventParticipant_window_ai" BEFORE INSERT ON "EventParticipant"
FOR EACH ROW WHEN (NEW."dateFrom" IS NULL AND NEW."dateTo" IS NULL)
EXECUTE FUNCTION "window_copy_ai"();

-- A change to a record's window is copied to its links. Links that already hold it are not
-- rewritten (the only difference from SQLite, which rewrites them: the values are the same and no
-- row trigger watches these columns).
CREATE FUNCTION "window_copy_au"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Article' THEN
    UPDATE "ArticleActor" SET "publishedFrom" = NEW."publishedFrom", "publishedTo" = NEW."publishedTo"
    WHERE "articleId" = NEW."id"
      AND ("publishedFrom", "publishedTo") IS DISTINCT FROM (NEW."publishedFrom", NEW."publishedTo");
  ELSIF TG_TABLE_NAME = 'Claim' THEN
    UPDATE "ClaimActor" SET "statedFrom" = NEW."statedFrom", "statedTo" = NEW."statedTo"
    WHERE "claimId" = NEW."id"
      AND ("statedFrom", "statedTo") IS DISTINCT FROM (NEW."statedFrom", NEW."statedTo");
  ELSE -- Event
    UPDATE "EventParticipant" SET "dateFrom" = NEW."dateFrom", "dateTo" = NEW."dateTo"
    WHERE "eventId" = NEW."id"
      AND ("dateFrom", "dateTo") IS DISTINCT FROM (NEW."dateFrom", NEW."dateTo");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Article_window_au" AFTER UPDATE OF "publishedFrom", "publishedTo" ON "Article"
FOR EACH ROW EXECUTE FUNCTION "window_copy_au"();

CREATE TRIGGER "Claim_window_au" AFTER UPDATE OF "statedFrom", "statedTo" ON "Claim"
FOR EACH ROW EXECUTE FUNCTION "window_copy_au"();

CREATE TRIGGER "Event_window_au" AFTER UPDATE OF "dateFrom", "dateTo" ON "Event"
FOR EACH ROW EXECUTE FUNCTION "window_copy_au"();

-- Brief documents ----------------------------------------------------------------------------------
-- A change to any row an article's brief shows marks that article's document stale in the same
-- transaction, so a reader never gets a document older than the data it was built from. The
-- writer rebuilds stale documents (src/db/brief-docs.ts); a reader that finds one stale builds the
-- brief from the tables instead. Documents already stale are not rewritten.
CREATE FUNCTION "brief_doc_mark_stale"(article_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "BriefDoc" SET "stale" = true, "json" = NULL, "etag" = NULL
  WHERE "articleId" = ANY (article_ids) AND NOT "stale"
$$;

-- Inserts and deletes are marked once per statement, from the statement's rows (transition tables):
-- an ingest inserts a brief's claim actors, participants and aliases in a few statements of up to
-- 40 rows, and a trigger per row ran one UPDATE of BriefDoc per row (the seed brief ingested at 25
-- briefs/s). Updates stay per row: PostgreSQL allows no transition table on a trigger with a column
-- list, and updates come one record at a time (PATCH).
CREATE FUNCTION "brief_doc_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    CASE TG_TABLE_NAME
      WHEN 'ArticleTopic', 'ArticleActor', 'Claim', 'EventReport' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT DISTINCT "articleId" FROM new_rows));
      WHEN 'ClaimActor' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "Claim" WHERE "id" IN (SELECT "claimId" FROM new_rows)));
      WHEN 'ClaimLink' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "Claim" WHERE "id" IN (SELECT "fromClaimId" FROM new_rows)));
      WHEN 'EventParticipant' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "EventReport" WHERE "eventId" IN (SELECT "eventId" FROM new_rows)));
      ELSE -- ActorAlias, ActorAffiliation
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "ArticleActor" WHERE "actorId" IN (SELECT "actorId" FROM new_rows)));
    END CASE;
  ELSE -- DELETE
    CASE TG_TABLE_NAME
      WHEN 'ArticleTopic', 'ArticleActor', 'Claim', 'EventReport' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT DISTINCT "articleId" FROM old_rows));
      WHEN 'ClaimActor' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "Claim" WHERE "id" IN (SELECT "claimId" FROM old_rows)));
      WHEN 'ClaimLink' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "Claim" WHERE "id" IN (SELECT "fromClaimId" FROM old_rows)));
      WHEN 'EventParticipant' THEN
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "EventReport" WHERE "eventId" IN (SELECT "eventId" FROM old_rows)));
      ELSE -- ActorAlias, ActorAffiliation
        PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "ArticleActor" WHERE "actorId" IN (SELECT "actorId" FROM old_rows)));
    END CASE;
  END IF;
  RETURN NULL;
END
$$;

-- Article: every article has a document row from its first insert (stale until built), and any
-- update of the article marks it stale.
CREATE FUNCTION "brief_doc_article"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "BriefDoc" ("articleId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
  ELSE
    PERFORM "brief_doc_mark_stale"(ARRAY[NEW."id"]);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "BriefDoc_Article_ai" AFTER INSERT ON "Article"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_article"();

CREATE TRIGGER "BriefDoc_Article_au" AFTER UPDATE ON "Article"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_article"();

-- Rows that name their article: ArticleTopic, ArticleActor, Claim, EventReport. An update marks
-- the old and the new article.
CREATE FUNCTION "brief_doc_by_article"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD."articleId"; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW."articleId"; END IF;
  PERFORM "brief_doc_mark_stale"(ids);
  RETURN NULL;
END
$$;

CREATE TRIGGER "BriefDoc_ArticleTopic_ai" AFTER INSERT ON "ArticleTopic"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ArticleTopic_ad" AFTER DELETE ON "ArticleTopic"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ArticleTopic_au" AFTER UPDATE ON "ArticleTopic"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_article"();

-- Not when only the window copy changes (trigger_columns).
CREATE TRIGGER "BriefDoc_ArticleActor_ai" AFTER INSERT ON "ArticleActor"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ArticleActor_ad" AFTER DELETE ON "ArticleActor"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ArticleActor_au"
AFTER UPDATE OF "articleId", "actorId", "role", "surfaceForms", "position" ON "ArticleActor"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_article"();

CREATE TRIGGER "BriefDoc_Claim_ai" AFTER INSERT ON "Claim"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_Claim_ad" AFTER DELETE ON "Claim"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_Claim_au" AFTER UPDATE ON "Claim"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_article"();

CREATE TRIGGER "BriefDoc_EventReport_ai" AFTER INSERT ON "EventReport"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_EventReport_ad" AFTER DELETE ON "EventReport"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_EventReport_au" AFTER UPDATE ON "EventReport"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_article"();

-- Rows of an actor: ActorAlias, ActorAffiliation (by its "actorId"). The articles that link the
-- actor.
CREATE FUNCTION "brief_doc_by_actor"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actors TEXT[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN actors := actors || OLD."actorId"; END IF;
  IF TG_OP <> 'DELETE' THEN actors := actors || NEW."actorId"; END IF;
  PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = ANY (actors)));
  RETURN NULL;
END
$$;

CREATE TRIGGER "BriefDoc_ActorAlias_ai" AFTER INSERT ON "ActorAlias"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ActorAlias_ad" AFTER DELETE ON "ActorAlias"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ActorAlias_au" AFTER UPDATE ON "ActorAlias"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_actor"();

CREATE TRIGGER "BriefDoc_ActorAffiliation_ai" AFTER INSERT ON "ActorAffiliation"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ActorAffiliation_ad" AFTER DELETE ON "ActorAffiliation"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ActorAffiliation_au" AFTER UPDATE ON "ActorAffiliation"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_actor"();

-- Rows of a claim: ClaimActor (by "claimId"), ClaimLink (by "fromClaimId"). The claim's article.
CREATE FUNCTION "brief_doc_by_claim"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  claims TEXT[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'ClaimLink' THEN
    IF TG_OP <> 'INSERT' THEN claims := claims || OLD."fromClaimId"; END IF;
    IF TG_OP <> 'DELETE' THEN claims := claims || NEW."fromClaimId"; END IF;
  ELSE -- ClaimActor
    IF TG_OP <> 'INSERT' THEN claims := claims || OLD."claimId"; END IF;
    IF TG_OP <> 'DELETE' THEN claims := claims || NEW."claimId"; END IF;
  END IF;
  PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "Claim" WHERE "id" = ANY (claims)));
  RETURN NULL;
END
$$;

-- Not when only the window copy changes (trigger_columns).
CREATE TRIGGER "BriefDoc_ClaimActor_ai" AFTER INSERT ON "ClaimActor"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ClaimActor_ad" AFTER DELETE ON "ClaimActor"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ClaimActor_au" AFTER UPDATE OF "claimId", "actorId", "role", "position" ON "ClaimActor"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_claim"();

CREATE TRIGGER "BriefDoc_ClaimLink_ai" AFTER INSERT ON "ClaimLink"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ClaimLink_ad" AFTER DELETE ON "ClaimLink"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_ClaimLink_au" AFTER UPDATE ON "ClaimLink"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_claim"();

-- Rows of an event: EventParticipant (by "eventId"), the Event itself (update only). The articles
-- that report the event.
CREATE FUNCTION "brief_doc_by_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  events TEXT[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'Event' THEN
    events := ARRAY[NEW."id"];
  ELSE -- EventParticipant
    IF TG_OP <> 'INSERT' THEN events := events || OLD."eventId"; END IF;
    IF TG_OP <> 'DELETE' THEN events := events || NEW."eventId"; END IF;
  END IF;
  PERFORM "brief_doc_mark_stale"(ARRAY(SELECT "articleId" FROM "EventReport" WHERE "eventId" = ANY (events)));
  RETURN NULL;
END
$$;

-- Not when only the window copy changes (trigger_columns).
CREATE TRIGGER "BriefDoc_EventParticipant_ai" AFTER INSERT ON "EventParticipant"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_EventParticipant_ad" AFTER DELETE ON "EventParticipant"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "brief_doc_rows"();
CREATE TRIGGER "BriefDoc_EventParticipant_au"
AFTER UPDATE OF "eventId", "actorId", "role", "position" ON "EventParticipant"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_event"();

CREATE TRIGGER "BriefDoc_Event_au" AFTER UPDATE ON "Event"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_by_event"();

-- Actor: a change to what a brief shows of an actor marks the articles that link it and the
-- articles that link an actor affiliated to it (a brief shows each affiliation with its target).
CREATE FUNCTION "brief_doc_actor"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "brief_doc_mark_stale"(ARRAY(
    SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."id"
    UNION
    SELECT x."articleId" FROM "ActorAffiliation" f JOIN "ArticleActor" x ON x."actorId" = f."actorId"
    WHERE f."targetId" = NEW."id"
  ));
  RETURN NULL;
END
$$;

CREATE TRIGGER "BriefDoc_Actor_au"
AFTER UPDATE OF "slug", "name", "kind", "country", "title", "description", "wikidataId" ON "Actor"
FOR EACH ROW EXECUTE FUNCTION "brief_doc_actor"();
