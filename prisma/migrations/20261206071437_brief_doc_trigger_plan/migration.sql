-- Hand-written (Prisma does not model triggers). The brief-document triggers probe BriefDoc by
-- article id only: with "stale = 0" as an indexable term, SQLite 3.53 chose BriefDoc_stale_idx once
-- most documents were fresh and scanned them all, 10 ms per ArticleActor row at 10,000 articles
-- (docs/decisions.md, "Materialised briefs"). The unary + keeps the term a filter, not an index key.

DROP TRIGGER "BriefDoc_Article_au";

CREATE TRIGGER "BriefDoc_Article_au" AFTER UPDATE ON "Article" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW.id);
END;

DROP TRIGGER "BriefDoc_ArticleTopic_ai";

CREATE TRIGGER "BriefDoc_ArticleTopic_ai" AFTER INSERT ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_ArticleTopic_ad";

CREATE TRIGGER "BriefDoc_ArticleTopic_ad" AFTER DELETE ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

DROP TRIGGER "BriefDoc_ArticleTopic_au";

CREATE TRIGGER "BriefDoc_ArticleTopic_au" AFTER UPDATE ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_ArticleActor_ai";

CREATE TRIGGER "BriefDoc_ArticleActor_ai" AFTER INSERT ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_ArticleActor_ad";

CREATE TRIGGER "BriefDoc_ArticleActor_ad" AFTER DELETE ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

DROP TRIGGER "BriefDoc_ArticleActor_au";

CREATE TRIGGER "BriefDoc_ArticleActor_au" AFTER UPDATE OF "articleId", "actorId", role, "surfaceForms", position ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_ActorAlias_ai";

CREATE TRIGGER "BriefDoc_ActorAlias_ai" AFTER INSERT ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

DROP TRIGGER "BriefDoc_ActorAlias_ad";

CREATE TRIGGER "BriefDoc_ActorAlias_ad" AFTER DELETE ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
END;

DROP TRIGGER "BriefDoc_ActorAlias_au";

CREATE TRIGGER "BriefDoc_ActorAlias_au" AFTER UPDATE ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

DROP TRIGGER "BriefDoc_ActorAffiliation_ai";

CREATE TRIGGER "BriefDoc_ActorAffiliation_ai" AFTER INSERT ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

DROP TRIGGER "BriefDoc_ActorAffiliation_ad";

CREATE TRIGGER "BriefDoc_ActorAffiliation_ad" AFTER DELETE ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
END;

DROP TRIGGER "BriefDoc_ActorAffiliation_au";

CREATE TRIGGER "BriefDoc_ActorAffiliation_au" AFTER UPDATE ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

DROP TRIGGER "BriefDoc_Claim_ai";

CREATE TRIGGER "BriefDoc_Claim_ai" AFTER INSERT ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_Claim_ad";

CREATE TRIGGER "BriefDoc_Claim_ad" AFTER DELETE ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

DROP TRIGGER "BriefDoc_Claim_au";

CREATE TRIGGER "BriefDoc_Claim_au" AFTER UPDATE ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_ClaimActor_ai";

CREATE TRIGGER "BriefDoc_ClaimActor_ai" AFTER INSERT ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."claimId");
END;

DROP TRIGGER "BriefDoc_ClaimActor_ad";

CREATE TRIGGER "BriefDoc_ClaimActor_ad" AFTER DELETE ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."claimId");
END;

DROP TRIGGER "BriefDoc_ClaimActor_au";

CREATE TRIGGER "BriefDoc_ClaimActor_au" AFTER UPDATE OF "claimId", "actorId", role, position ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."claimId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."claimId");
END;

DROP TRIGGER "BriefDoc_ClaimLink_ai";

CREATE TRIGGER "BriefDoc_ClaimLink_ai" AFTER INSERT ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."fromClaimId");
END;

DROP TRIGGER "BriefDoc_ClaimLink_ad";

CREATE TRIGGER "BriefDoc_ClaimLink_ad" AFTER DELETE ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."fromClaimId");
END;

DROP TRIGGER "BriefDoc_ClaimLink_au";

CREATE TRIGGER "BriefDoc_ClaimLink_au" AFTER UPDATE ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."fromClaimId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."fromClaimId");
END;

DROP TRIGGER "BriefDoc_EventReport_ai";

CREATE TRIGGER "BriefDoc_EventReport_ai" AFTER INSERT ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_EventReport_ad";

CREATE TRIGGER "BriefDoc_EventReport_ad" AFTER DELETE ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

DROP TRIGGER "BriefDoc_EventReport_au";

CREATE TRIGGER "BriefDoc_EventReport_au" AFTER UPDATE ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

DROP TRIGGER "BriefDoc_EventParticipant_ai";

CREATE TRIGGER "BriefDoc_EventParticipant_ai" AFTER INSERT ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW."eventId");
END;

DROP TRIGGER "BriefDoc_EventParticipant_ad";

CREATE TRIGGER "BriefDoc_EventParticipant_ad" AFTER DELETE ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = OLD."eventId");
END;

DROP TRIGGER "BriefDoc_EventParticipant_au";

CREATE TRIGGER "BriefDoc_EventParticipant_au" AFTER UPDATE OF "eventId", "actorId", role, position ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = OLD."eventId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW."eventId");
END;

DROP TRIGGER "BriefDoc_Actor_au";

CREATE TRIGGER "BriefDoc_Actor_au" AFTER UPDATE OF slug, name, kind, country, title, description, "wikidataId" ON "Actor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW.id);
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT x."articleId" FROM "ActorAffiliation" f JOIN "ArticleActor" x ON x."actorId" = f."actorId" WHERE f."targetId" = NEW.id);
END;

DROP TRIGGER "BriefDoc_Event_au";

CREATE TRIGGER "BriefDoc_Event_au" AFTER UPDATE ON "Event" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE +stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW.id);
END;
