-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefDoc" (
    "articleId" TEXT NOT NULL,
    "stale" BOOLEAN NOT NULL DEFAULT true,
    "json" TEXT,
    "etag" TEXT,

    CONSTRAINT "BriefDoc_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "ArticleTopic" (
    "articleId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,

    CONSTRAINT "ArticleTopic_pkey" PRIMARY KEY ("articleId","topic")
);

-- CreateTable
CREATE TABLE "ArticleActor" (
    "articleId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "surfaceForms" JSONB NOT NULL,
    "position" INTEGER NOT NULL,
    "publishedFrom" TEXT,
    "publishedTo" TEXT,

    CONSTRAINT "ArticleActor_pkey" PRIMARY KEY ("articleId","actorId")
);

-- CreateTable
CREATE TABLE "Actor" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT,
    "title" TEXT,
    "description" TEXT,
    "wikidataId" TEXT,
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActorAlias" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,

    CONSTRAINT "ActorAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActorAffiliation" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "ActorAffiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
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
    "confidence" DOUBLE PRECISION,
    "reviewed" BOOLEAN NOT NULL DEFAULT false,
    "reviewedByKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimActor" (
    "claimId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "statedFrom" TEXT,
    "statedTo" TEXT,

    CONSTRAINT "ClaimActor_pkey" PRIMARY KEY ("claimId","actorId","role")
);

-- CreateTable
CREATE TABLE "ClaimLink" (
    "id" TEXT NOT NULL,
    "fromClaimId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "toClaimId" TEXT,
    "toEventId" TEXT,

    CONSTRAINT "ClaimLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
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
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "extractionMethod" TEXT NOT NULL,
    "extractor" TEXT,
    "confidence" DOUBLE PRECISION,
    "reviewed" BOOLEAN NOT NULL DEFAULT false,
    "reviewedByKeyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdByKeyId" TEXT,
    "updatedByKeyId" TEXT,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventParticipant" (
    "eventId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "dateFrom" TEXT,
    "dateTo" TEXT,

    CONSTRAINT "EventParticipant_pkey" PRIMARY KEY ("eventId","actorId","role")
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventReport_pkey" PRIMARY KEY ("eventId","articleId")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Change" (
    "seq" SERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "mergedInto" TEXT,
    "keyId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("seq")
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
CREATE INDEX "Article_id_deletedAt_idx" ON "Article"("id", "deletedAt");

-- CreateIndex
CREATE INDEX "BriefDoc_stale_idx" ON "BriefDoc"("stale");

-- CreateIndex
CREATE INDEX "BriefDoc_articleId_etag_idx" ON "BriefDoc"("articleId", "etag");

-- CreateIndex
CREATE INDEX "ArticleTopic_topic_articleId_idx" ON "ArticleTopic"("topic", "articleId");

-- CreateIndex
CREATE INDEX "ArticleActor_actorId_articleId_publishedFrom_publishedTo_idx" ON "ArticleActor"("actorId", "articleId", "publishedFrom", "publishedTo");

-- CreateIndex
CREATE INDEX "ArticleActor_actorId_publishedFrom_articleId_idx" ON "ArticleActor"("actorId", "publishedFrom", "articleId");

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
CREATE INDEX "Claim_id_deletedAt_articleId_idx" ON "Claim"("id", "deletedAt", "articleId");

-- CreateIndex
CREATE INDEX "ClaimActor_actorId_role_claimId_idx" ON "ClaimActor"("actorId", "role", "claimId");

-- CreateIndex
CREATE INDEX "ClaimActor_actorId_statedFrom_statedTo_claimId_idx" ON "ClaimActor"("actorId", "statedFrom", "statedTo", "claimId");

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
CREATE INDEX "Event_id_deletedAt_type_idx" ON "Event"("id", "deletedAt", "type");

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_role_eventId_idx" ON "EventParticipant"("actorId", "role", "eventId");

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_dateFrom_dateTo_eventId_idx" ON "EventParticipant"("actorId", "dateFrom", "dateTo", "eventId");

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

-- AddForeignKey
ALTER TABLE "BriefDoc" ADD CONSTRAINT "BriefDoc_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleTopic" ADD CONSTRAINT "ArticleTopic_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleActor" ADD CONSTRAINT "ArticleActor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleActor" ADD CONSTRAINT "ArticleActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActorAlias" ADD CONSTRAINT "ActorAlias_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActorAffiliation" ADD CONSTRAINT "ActorAffiliation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActorAffiliation" ADD CONSTRAINT "ActorAffiliation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimActor" ADD CONSTRAINT "ClaimActor_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimActor" ADD CONSTRAINT "ClaimActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimLink" ADD CONSTRAINT "ClaimLink_fromClaimId_fkey" FOREIGN KEY ("fromClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimLink" ADD CONSTRAINT "ClaimLink_toClaimId_fkey" FOREIGN KEY ("toClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimLink" ADD CONSTRAINT "ClaimLink_toEventId_fkey" FOREIGN KEY ("toEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipant" ADD CONSTRAINT "EventParticipant_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventParticipant" ADD CONSTRAINT "EventParticipant_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventReport" ADD CONSTRAINT "EventReport_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventReport" ADD CONSTRAINT "EventReport_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
