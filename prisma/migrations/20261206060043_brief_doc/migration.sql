-- CreateTable
CREATE TABLE "BriefDoc" (
    "articleId" TEXT NOT NULL PRIMARY KEY,
    "stale" BOOLEAN NOT NULL DEFAULT true,
    "json" TEXT,
    "etag" TEXT,
    CONSTRAINT "BriefDoc_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BriefDoc_stale_idx" ON "BriefDoc"("stale");

-- Hand-written (Prisma does not model triggers): a change to any row an article's brief shows marks
-- that article's document stale in the same transaction, so a reader never gets a document older
-- than the data it was built from. The writer rebuilds stale documents (src/db/brief-docs.ts); a
-- reader that finds one stale builds the brief from the tables instead.

-- Every article has a document row from its first insert; existing articles start stale.
INSERT INTO "BriefDoc" ("articleId") SELECT id FROM "Article";

CREATE TRIGGER "BriefDoc_Article_ai" AFTER INSERT ON "Article" BEGIN
  INSERT OR IGNORE INTO "BriefDoc" ("articleId") VALUES (NEW.id);
END;

CREATE TRIGGER "BriefDoc_Article_au" AFTER UPDATE ON "Article" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW.id);
END;

CREATE TRIGGER "BriefDoc_ArticleTopic_ai" AFTER INSERT ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_ArticleTopic_ad" AFTER DELETE ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

CREATE TRIGGER "BriefDoc_ArticleTopic_au" AFTER UPDATE ON "ArticleTopic" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_ArticleActor_ai" AFTER INSERT ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_ArticleActor_ad" AFTER DELETE ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

CREATE TRIGGER "BriefDoc_ArticleActor_au" AFTER UPDATE ON "ArticleActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_ActorAlias_ai" AFTER INSERT ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

CREATE TRIGGER "BriefDoc_ActorAlias_ad" AFTER DELETE ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
END;

CREATE TRIGGER "BriefDoc_ActorAlias_au" AFTER UPDATE ON "ActorAlias" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

CREATE TRIGGER "BriefDoc_ActorAffiliation_ai" AFTER INSERT ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

CREATE TRIGGER "BriefDoc_ActorAffiliation_ad" AFTER DELETE ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
END;

CREATE TRIGGER "BriefDoc_ActorAffiliation_au" AFTER UPDATE ON "ActorAffiliation" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = OLD."actorId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW."actorId");
END;

CREATE TRIGGER "BriefDoc_Claim_ai" AFTER INSERT ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_Claim_ad" AFTER DELETE ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

CREATE TRIGGER "BriefDoc_Claim_au" AFTER UPDATE ON "Claim" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_ClaimActor_ai" AFTER INSERT ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."claimId");
END;

CREATE TRIGGER "BriefDoc_ClaimActor_ad" AFTER DELETE ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."claimId");
END;

CREATE TRIGGER "BriefDoc_ClaimActor_au" AFTER UPDATE ON "ClaimActor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."claimId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."claimId");
END;

CREATE TRIGGER "BriefDoc_ClaimLink_ai" AFTER INSERT ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."fromClaimId");
END;

CREATE TRIGGER "BriefDoc_ClaimLink_ad" AFTER DELETE ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."fromClaimId");
END;

CREATE TRIGGER "BriefDoc_ClaimLink_au" AFTER UPDATE ON "ClaimLink" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = OLD."fromClaimId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "Claim" WHERE id = NEW."fromClaimId");
END;

CREATE TRIGGER "BriefDoc_EventReport_ai" AFTER INSERT ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_EventReport_ad" AFTER DELETE ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
END;

CREATE TRIGGER "BriefDoc_EventReport_au" AFTER UPDATE ON "EventReport" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT OLD."articleId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT NEW."articleId");
END;

CREATE TRIGGER "BriefDoc_EventParticipant_ai" AFTER INSERT ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW."eventId");
END;

CREATE TRIGGER "BriefDoc_EventParticipant_ad" AFTER DELETE ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = OLD."eventId");
END;

CREATE TRIGGER "BriefDoc_EventParticipant_au" AFTER UPDATE ON "EventParticipant" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = OLD."eventId");
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW."eventId");
END;

CREATE TRIGGER "BriefDoc_Actor_au" AFTER UPDATE OF slug, name, kind, country, title, description, "wikidataId" ON "Actor" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = NEW.id);
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT x."articleId" FROM "ActorAffiliation" f JOIN "ArticleActor" x ON x."actorId" = f."actorId" WHERE f."targetId" = NEW.id);
END;

CREATE TRIGGER "BriefDoc_Event_au" AFTER UPDATE ON "Event" BEGIN
  UPDATE "BriefDoc" SET stale = 1, json = NULL, etag = NULL WHERE stale = 0 AND "articleId" IN (SELECT "articleId" FROM "EventReport" WHERE "eventId" = NEW.id);
END;
