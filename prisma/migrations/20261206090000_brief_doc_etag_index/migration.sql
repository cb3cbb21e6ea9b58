-- The response cache revalidates a cached brief by its document's ETag (src/plugins/cache.ts): a
-- covering index, so that the probe never reads the 10-45 KB document stored before the ETag.
CREATE INDEX "BriefDoc_articleId_etag_idx" ON "BriefDoc"("articleId", "etag");
