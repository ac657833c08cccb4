output "db_password" {
  description = "Generated RDS master password"
  value       = random_password.db.result
  sensitive   = true
}

output "database_url_secret_arn" {
  description = "Secret holding DATABASE_URL"
  value       = aws_secretsmanager_secret.database_url.arn
}

output "secret_key_secret_arn" {
  description = "Secret holding SECRET_KEY"
  value       = aws_secretsmanager_secret.secret_key.arn
}

output "admin_password_secret_arn" {
  description = "Secret holding ADMIN_PASSWORD"
  value       = aws_secretsmanager_secret.admin_password.arn
}
