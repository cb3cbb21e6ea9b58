-- AlterTable
ALTER TABLE "ClaimActor" ADD COLUMN "statedFrom" TEXT;
ALTER TABLE "ClaimActor" ADD COLUMN "statedTo" TEXT;

-- AlterTable
ALTER TABLE "EventParticipant" ADD COLUMN "dateFrom" TEXT;
ALTER TABLE "EventParticipant" ADD COLUMN "dateTo" TEXT;

-- CreateIndex
CREATE INDEX "ClaimActor_actorId_statedFrom_statedTo_claimId_idx" ON "ClaimActor"("actorId", "statedFrom", "statedTo", "claimId");

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_dateFrom_dateTo_eventId_idx" ON "EventParticipant"("actorId", "dateFrom", "dateTo", "eventId");

-- The copies of each event's and claim's date window in its actor links (written by hand: Prisma
-- does not model triggers), so that an actor's timeline is one index range scan in timeline order.
UPDATE "EventParticipant" SET
  "dateFrom" = (SELECT e."dateFrom" FROM "Event" e WHERE e.id = "EventParticipant"."eventId"),
  "dateTo" = (SELECT e."dateTo" FROM "Event" e WHERE e.id = "EventParticipant"."eventId");

UPDATE "ClaimActor" SET
  "statedFrom" = (SELECT c."statedFrom" FROM "Claim" c WHERE c.id = "ClaimActor"."claimId"),
  "statedTo" = (SELECT c."statedTo" FROM "Claim" c WHERE c.id = "ClaimActor"."claimId");

CREATE TRIGGER "EventParticipant_window_ai" AFTER INSERT ON "EventParticipant" BEGIN
  UPDATE "EventParticipant" SET
    "dateFrom" = (SELECT e."dateFrom" FROM "Event" e WHERE e.id = NEW."eventId"),
    "dateTo" = (SELECT e."dateTo" FROM "Event" e WHERE e.id = NEW."eventId")
  WHERE "eventId" = NEW."eventId" AND "actorId" = NEW."actorId" AND role = NEW.role;
END;

CREATE TRIGGER "Event_window_au" AFTER UPDATE OF "dateFrom", "dateTo" ON "Event" BEGIN
  UPDATE "EventParticipant" SET "dateFrom" = NEW."dateFrom", "dateTo" = NEW."dateTo" WHERE "eventId" = NEW.id;
END;

CREATE TRIGGER "ClaimActor_window_ai" AFTER INSERT ON "ClaimActor" BEGIN
  UPDATE "ClaimActor" SET
    "statedFrom" = (SELECT c."statedFrom" FROM "Claim" c WHERE c.id = NEW."claimId"),
    "statedTo" = (SELECT c."statedTo" FROM "Claim" c WHERE c.id = NEW."claimId")
  WHERE "claimId" = NEW."claimId" AND "actorId" = NEW."actorId" AND role = NEW.role;
END;

CREATE TRIGGER "Claim_window_au" AFTER UPDATE OF "statedFrom", "statedTo" ON "Claim" BEGIN
  UPDATE "ClaimActor" SET "statedFrom" = NEW."statedFrom", "statedTo" = NEW."statedTo" WHERE "claimId" = NEW.id;
END;
