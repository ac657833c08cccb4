output "alb_dns_name" {
  description = "DNS name of the load balancer"
  value       = aws_lb.main.dns_name
}

output "alb_url" {
  description = "http://<load balancer DNS name>"
  value       = "http://${aws_lb.main.dns_name}"
}

output "alb_arn" {
  description = "ARN of the load balancer"
  value       = aws_lb.main.arn
}

output "target_group_arn" {
  description = "Target group the ECS service registers its tasks in"
  value       = aws_lb_target_group.app.arn
}

output "listener_arn" {
  description = "HTTP listener"
  value       = aws_lb_listener.http.arn
}
