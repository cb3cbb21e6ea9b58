-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "keyPoints" JSONB NOT NULL,
    "section" TEXT,
    "publisher" TEXT,
    "byline" TEXT,
    "url" TEXT,
    "language" TEXT NOT NULL,
    "publishedDate" TEXT,
    "publishedPrecision" TEXT,
    "publishedApprox" BOOLEAN NOT NULL DEFAULT false,
    "publishedText" TEXT,
    "publishedFrom" TEXT,
    "publishedTo" TEXT,
    "body" TEXT NOT NULL,
    "relatedHeadlines" JSONB NOT NULL,
    "sourceText" TEXT NOT NULL,
    "sourceSha256" TEXT NOT NULL,
    "sourceMediaType" TEXT NOT NULL DEFAULT 'text/plain',
    "briefSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ArticleTopic" (
    "articleId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,

    PRIMARY KEY ("articleId", "topic"),
    CONSTRAINT "ArticleTopic_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArticleActor" (
    "articleId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "surfaceForms" JSONB NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("articleId", "actorId"),
    CONSTRAINT "ArticleActor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Actor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT,
    "title" TEXT,
    "description" TEXT,
    "wikidataId" TEXT,
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ActorAlias" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    CONSTRAINT "ActorAlias_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActorAffiliation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "title" TEXT,
    "fromDate" TEXT,
    "fromPrecision" TEXT,
    "fromText" TEXT,
    "toDate" TEXT,
    "toPrecision" TEXT,
    "toText" TEXT,
    CONSTRAINT "ActorAffiliation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActorAffiliation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "modality" TEXT NOT NULL,
    "quoteText" TEXT,
    "quoteStart" INTEGER,
    "quoteEnd" INTEGER,
    "evidenceStart" INTEGER NOT NULL,
    "evidenceEnd" INTEGER NOT NULL,
    "evidenceExact" TEXT NOT NULL,
    "evidencePrefix" TEXT NOT NULL,
    "evidenceSuffix" TEXT NOT NULL,
    "statedDate" TEXT,
    "statedPrecision" TEXT,
    "statedApprox" BOOLEAN NOT NULL DEFAULT false,
    "statedText" TEXT,
    "statedFrom" TEXT,
    "statedTo" TEXT,
    "extractionMethod" TEXT NOT NULL,
    "extractor" TEXT,
    "confidence" REAL,
    "reviewed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" DATETIME,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimActor" (
    "claimId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("claimId", "actorId", "role"),
    CONSTRAINT "ClaimActor_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fromClaimId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "toClaimId" TEXT,
    "toEventId" TEXT,
    CONSTRAINT "ClaimLink_fromClaimId_fkey" FOREIGN KEY ("fromClaimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimLink_toClaimId_fkey" FOREIGN KEY ("toClaimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimLink_toEventId_fkey" FOREIGN KEY ("toEventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "type" TEXT NOT NULL,
    "extension" TEXT,
    "subtype" TEXT,
    "mode" TEXT,
    "contexts" JSONB NOT NULL,
    "quadClass" INTEGER,
    "status" TEXT NOT NULL,
    "modality" TEXT NOT NULL,
    "startDate" TEXT,
    "startPrecision" TEXT,
    "startApprox" BOOLEAN NOT NULL DEFAULT false,
    "startText" TEXT,
    "endDate" TEXT,
    "endPrecision" TEXT,
    "endApprox" BOOLEAN NOT NULL DEFAULT false,
    "endText" TEXT,
    "dateFrom" TEXT,
    "dateTo" TEXT,
    "locationName" TEXT,
    "locationCountry" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "extractionMethod" TEXT NOT NULL,
    "extractor" TEXT,
    "confidence" REAL,
    "reviewed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EventParticipant" (
    "eventId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("eventId", "actorId", "role"),
    CONSTRAINT "EventParticipant_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventParticipant_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventReport" (
    "eventId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "evidenceStart" INTEGER NOT NULL,
    "evidenceEnd" INTEGER NOT NULL,
    "evidenceExact" TEXT NOT NULL,
    "evidencePrefix" TEXT NOT NULL,
    "evidenceSuffix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("eventId", "articleId"),
    CONSTRAINT "EventReport_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventReport_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Change" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "mergedInto" TEXT,
    "keyId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE INDEX "Article_publishedFrom_id_idx" ON "Article"("publishedFrom", "id");

-- CreateIndex
CREATE INDEX "Article_createdAt_id_idx" ON "Article"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Article_deletedAt_idx" ON "Article"("deletedAt");

-- CreateIndex
CREATE INDEX "ArticleTopic_topic_articleId_idx" ON "ArticleTopic"("topic", "articleId");

-- CreateIndex
CREATE INDEX "ArticleActor_actorId_articleId_idx" ON "ArticleActor"("actorId", "articleId");

-- CreateIndex
CREATE UNIQUE INDEX "Actor_slug_key" ON "Actor"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Actor_wikidataId_key" ON "Actor"("wikidataId");

-- CreateIndex
CREATE INDEX "Actor_kind_id_idx" ON "Actor"("kind", "id");

-- CreateIndex
CREATE INDEX "Actor_country_id_idx" ON "Actor"("country", "id");

-- CreateIndex
CREATE INDEX "Actor_name_id_idx" ON "Actor"("name", "id");

-- CreateIndex
CREATE INDEX "Actor_mergedIntoId_idx" ON "Actor"("mergedIntoId");

-- CreateIndex
CREATE INDEX "ActorAlias_normalized_idx" ON "ActorAlias"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "ActorAlias_actorId_normalized_key" ON "ActorAlias"("actorId", "normalized");

-- CreateIndex
CREATE INDEX "ActorAffiliation_targetId_idx" ON "ActorAffiliation"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "ActorAffiliation_actorId_targetId_relation_key" ON "ActorAffiliation"("actorId", "targetId", "relation");

-- CreateIndex
CREATE INDEX "Claim_articleId_position_idx" ON "Claim"("articleId", "position");

-- CreateIndex
CREATE INDEX "Claim_kind_id_idx" ON "Claim"("kind", "id");

-- CreateIndex
CREATE INDEX "Claim_statedFrom_id_idx" ON "Claim"("statedFrom", "id");

-- CreateIndex
CREATE INDEX "Claim_createdAt_id_idx" ON "Claim"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ClaimActor_actorId_role_claimId_idx" ON "ClaimActor"("actorId", "role", "claimId");

-- CreateIndex
CREATE INDEX "ClaimLink_fromClaimId_idx" ON "ClaimLink"("fromClaimId");

-- CreateIndex
CREATE INDEX "ClaimLink_toClaimId_idx" ON "ClaimLink"("toClaimId");

-- CreateIndex
CREATE INDEX "ClaimLink_toEventId_idx" ON "ClaimLink"("toEventId");

-- CreateIndex
CREATE INDEX "Event_type_id_idx" ON "Event"("type", "id");

-- CreateIndex
CREATE INDEX "Event_status_id_idx" ON "Event"("status", "id");

-- CreateIndex
CREATE INDEX "Event_dateFrom_id_idx" ON "Event"("dateFrom", "id");

-- CreateIndex
CREATE INDEX "Event_dateTo_idx" ON "Event"("dateTo");

-- CreateIndex
CREATE INDEX "Event_locationCountry_id_idx" ON "Event"("locationCountry", "id");

-- CreateIndex
CREATE INDEX "Event_createdAt_id_idx" ON "Event"("createdAt", "id");

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_role_eventId_idx" ON "EventParticipant"("actorId", "role", "eventId");

-- CreateIndex
CREATE INDEX "EventReport_articleId_position_idx" ON "EventReport"("articleId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "Change_at_seq_idx" ON "Change"("at", "seq");

-- CreateIndex
CREATE INDEX "Change_entityId_idx" ON "Change"("entityId");
