-- CreateIndex
CREATE INDEX "Article_id_deletedAt_idx" ON "Article"("id", "deletedAt");

-- CreateIndex
CREATE INDEX "Claim_id_deletedAt_articleId_idx" ON "Claim"("id", "deletedAt", "articleId");

-- CreateIndex
CREATE INDEX "Event_id_deletedAt_type_idx" ON "Event"("id", "deletedAt", "type");
