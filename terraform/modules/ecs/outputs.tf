output "cluster_name" {
  description = "ECS cluster name"
  value       = aws_ecs_cluster.main.name
}

output "service_name" {
  description = "ECS service name"
  value       = aws_ecs_service.app.name
}

output "task_definition_family" {
  description = "Task definition family (the deploy workflow registers new revisions of it)"
  value       = aws_ecs_task_definition.app.family
}

output "task_definition_arn" {
  description = "Task definition revision registered by Terraform"
  value       = aws_ecs_task_definition.app.arn
}

output "container_name" {
  description = "Name of the application container in the task definition"
  value       = local.container_name
}

output "log_group_name" {
  description = "CloudWatch log group of the service"
  value       = aws_cloudwatch_log_group.app.name
}
