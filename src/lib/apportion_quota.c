/* apportion_quota.c: being written */
