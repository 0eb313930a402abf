"""Staff views of the policy library (mounted under the workspace by ``urls_staff``)."""
