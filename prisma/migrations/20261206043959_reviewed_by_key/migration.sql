-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "reviewedByKeyId" TEXT;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "reviewedByKeyId" TEXT;
