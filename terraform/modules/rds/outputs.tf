output "endpoint" {
  description = "host:port of the instance"
  value       = aws_db_instance.main.endpoint
}

output "address" {
  description = "Host name of the instance"
  value       = aws_db_instance.main.address
}

output "port" {
  description = "Port of the instance"
  value       = aws_db_instance.main.port
}

output "db_instance_id" {
  description = "Identifier of the instance"
  value       = aws_db_instance.main.identifier
}
