-- Hand-written (Prisma does not model triggers). Ingest writes each link row's copy of its record's
-- date window itself, so the copying triggers fire only for a row written without one (edits
-- through Prisma), and a brief document is marked stale when a link column its brief shows changes,
-- not when a trigger refreshes a window copy: an ingest ran about 180 trigger statements per brief
-- for nothing (docs/decisions.md, "Ingest in a handful of statements").

DROP TRIGGER "BriefDoc_ClaimActor_au";

CREATE TRIGGER "BriefDoc_ClaimActor_au" AFTER UPDATE OF "claimId", "actorId", role, position ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."claimId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."claimId");
END;

DROP TRIGGER "BriefDoc_EventParticipant_au";

CREATE TRIGGER "BriefDoc_EventParticipant_au" AFTER UPDATE OF "eventId", "actorId", role, position ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = OLD."eventId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW."eventId");
END;

DROP TRIGGER "BriefDoc_ArticleActor_au";

CREATE TRIGGER "BriefDoc_ArticleActor_au" AFTER UPDATE OF "articleId", "actorId", role, "surfaceForms", position ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "ArticleActor_window_ai";

CREATE TRIGGER "ArticleActor_window_ai" AFTER INSERT ON "ArticleActor"
WHEN NEW."publishedFrom" IS NULL AND NEW."publishedTo" IS NULL BEGIN
  UPDATE "ArticleActor" SET
    "publishedFrom" = (SELECT a."publishedFrom" FROM "Article" a WHERE a.id = NEW."articleId"),
    "publishedTo" = (SELECT a."publishedTo" FROM "Article" a WHERE a.id = NEW."articleId")
  WHERE "articleId" = NEW."articleId" AND "actorId" = NEW."actorId";
END;

DROP TRIGGER "EventParticipant_window_ai";

CREATE TRIGGER "EventParticipant_window_ai" AFTER INSERT ON "EventParticipant"
WHEN NEW."dateFrom" IS NULL AND NEW."dateTo" IS NULL BEGIN
  UPDATE "EventParticipant" SET
    "dateFrom" = (SELECT e."dateFrom" FROM "Event" e WHERE e.id = NEW."eventId"),
    "dateTo" = (SELECT e."dateTo" FROM "Event" e WHERE e.id = NEW."eventId")
  WHERE "eventId" = NEW."eventId" AND "actorId" = NEW."actorId" AND role = NEW.role;
END;

DROP TRIGGER "ClaimActor_window_ai";

CREATE TRIGGER "ClaimActor_window_ai" AFTER INSERT ON "ClaimActor"
WHEN NEW."statedFrom" IS NULL AND NEW."statedTo" IS NULL BEGIN
  UPDATE "ClaimActor" SET
    "statedFrom" = (SELECT c."statedFrom" FROM "Claim" c WHERE c.id = NEW."claimId"),
    "statedTo" = (SELECT c."statedTo" FROM "Claim" c WHERE c.id = NEW."claimId")
  WHERE "claimId" = NEW."claimId" AND "actorId" = NEW."actorId" AND role = NEW.role;
END;
