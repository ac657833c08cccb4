output "execution_role_arn" {
  description = "Task execution role (ECR pull, logs, secrets)"
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Task role (S3 read/write on the application's bucket)"
  value       = aws_iam_role.task.arn
}
