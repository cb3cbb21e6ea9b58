-- DropIndex
DROP INDEX "ArticleActor_actorId_articleId_idx";

-- AlterTable
ALTER TABLE "ArticleActor" ADD COLUMN "publishedFrom" TEXT;
ALTER TABLE "ArticleActor" ADD COLUMN "publishedTo" TEXT;

-- CreateIndex
CREATE INDEX "ArticleActor_actorId_articleId_publishedFrom_publishedTo_idx" ON "ArticleActor"("actorId", "articleId", "publishedFrom", "publishedTo");

-- CreateIndex
CREATE INDEX "ArticleActor_actorId_publishedFrom_articleId_idx" ON "ArticleActor"("actorId", "publishedFrom", "articleId");

-- The copy of each article's publication window in ArticleActor (written by hand: Prisma does not
-- model triggers). Every path that writes an article or its actor links (ingest, PATCH, PUT,
-- the bench generator) keeps it right without application code.
UPDATE "ArticleActor" SET
  "publishedFrom" = (SELECT a."publishedFrom" FROM "Article" a WHERE a.id = "ArticleActor"."articleId"),
  "publishedTo" = (SELECT a."publishedTo" FROM "Article" a WHERE a.id = "ArticleActor"."articleId");

CREATE TRIGGER "ArticleActor_window_ai" AFTER INSERT ON "ArticleActor" BEGIN
  UPDATE "ArticleActor" SET
    "publishedFrom" = (SELECT a."publishedFrom" FROM "Article" a WHERE a.id = NEW."articleId"),
    "publishedTo" = (SELECT a."publishedTo" FROM "Article" a WHERE a.id = NEW."articleId")
  WHERE "articleId" = NEW."articleId" AND "actorId" = NEW."actorId";
END;

CREATE TRIGGER "Article_window_au" AFTER UPDATE OF "publishedFrom", "publishedTo" ON "Article" BEGIN
  UPDATE "ArticleActor" SET "publishedFrom" = NEW."publishedFrom", "publishedTo" = NEW."publishedTo"
  WHERE "articleId" = NEW.id;
END;
