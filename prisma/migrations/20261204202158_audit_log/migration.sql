-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_username" VARCHAR(100),
    "action" VARCHAR(100) NOT NULL,
    "target" VARCHAR(500),
    "detail" JSONB,
    "ip_address" VARCHAR(64),
    "request_id" VARCHAR(128),

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ix_audit_log_created_at" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "ix_audit_log_actor_id" ON "audit_log"("actor_id");

-- CreateIndex
CREATE INDEX "ix_audit_log_action" ON "audit_log"("action");

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

