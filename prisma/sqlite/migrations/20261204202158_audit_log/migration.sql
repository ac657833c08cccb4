-- CreateTable
CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_username" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" JSONB,
    "ip_address" TEXT,
    "request_id" TEXT,
    CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ix_audit_log_created_at" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "ix_audit_log_actor_id" ON "audit_log"("actor_id");

-- CreateIndex
CREATE INDEX "ix_audit_log_action" ON "audit_log"("action");

