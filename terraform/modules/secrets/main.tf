# Application secrets in Secrets Manager, injected into the task as environment variables:
# DATABASE_URL (built from the generated master password and the RDS address), SECRET_KEY (JWT
# signing key) and ADMIN_PASSWORD (the `admin` user's first password). Values are generated here
# (random provider) unless an admin password is supplied.

resource "random_password" "db" {
  length  = 32
  special = false # keeps DATABASE_URL free of characters that need URL-encoding
}

resource "random_password" "secret_key" {
  length  = 64
  special = false
}

resource "random_password" "admin" {
  length      = 24
  special     = true
  min_upper   = 2
  min_lower   = 2
  min_numeric = 2
}

locals {
  admin_password = var.admin_password != "" ? var.admin_password : random_password.admin.result
  database_url   = "postgresql://${var.db_username}:${random_password.db.result}@${var.db_host}:${var.db_port}/${var.db_name}"
}

resource "aws_secretsmanager_secret" "database_url" {
  name                    = "${var.name_prefix}-database-url"
  description             = "DATABASE_URL of ${var.name_prefix} (RDS PostgreSQL)"
  recovery_window_in_days = var.recovery_window_in_days
}

resource "aws_secretsmanager_secret_version" "database_url" {
  secret_id     = aws_secretsmanager_secret.database_url.id
  secret_string = local.database_url
}

resource "aws_secretsmanager_secret" "secret_key" {
  name                    = "${var.name_prefix}-secret-key"
  description             = "SECRET_KEY (JWT signing key) of ${var.name_prefix}"
  recovery_window_in_days = var.recovery_window_in_days
}

resource "aws_secretsmanager_secret_version" "secret_key" {
  secret_id     = aws_secretsmanager_secret.secret_key.id
  secret_string = random_password.secret_key.result
}

resource "aws_secretsmanager_secret" "admin_password" {
  name                    = "${var.name_prefix}-admin-password"
  description             = "ADMIN_PASSWORD: first password of the admin user of ${var.name_prefix}"
  recovery_window_in_days = var.recovery_window_in_days
}

resource "aws_secretsmanager_secret_version" "admin_password" {
  secret_id     = aws_secretsmanager_secret.admin_password.id
  secret_string = local.admin_password
}
