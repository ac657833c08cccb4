output "alb_url" {
  description = "Public URL of the application (HTTP listener of the load balancer)"
  value       = module.alb.alb_url
}

output "ecr_repository_url" {
  description = "ECR repository to push the image to (docker push <url>:<tag>)"
  value       = aws_ecr_repository.app.repository_url
}

output "rds_endpoint" {
  description = "RDS PostgreSQL endpoint (host:port), reachable from the private subnets only"
  value       = module.rds.endpoint
}

output "ecs_cluster_name" {
  description = "ECS cluster (deploy workflow: ECS_CLUSTER)"
  value       = module.ecs.cluster_name
}

output "ecs_service_name" {
  description = "ECS service (deploy workflow: ECS_SERVICE)"
  value       = module.ecs.service_name
}

output "task_definition_family" {
  description = "Task definition family (deploy workflow: ECS_TASK_FAMILY)"
  value       = module.ecs.task_definition_family
}

output "container_name" {
  description = "Container name in the task definition (deploy workflow: CONTAINER_NAME)"
  value       = module.ecs.container_name
}

output "log_group_name" {
  description = "CloudWatch log group of the service"
  value       = module.ecs.log_group_name
}

output "s3_bucket_name" {
  description = "Bucket for inputs, outputs and shared files"
  value       = aws_s3_bucket.storage.id
}

output "admin_password_secret_arn" {
  description = "Secrets Manager secret holding the admin password"
  value       = module.secrets.admin_password_secret_arn
}
