# A user interrupt (Ctrl-C, Esc) stops a long computation: the compiled
# code polls R while the library works, the call returns at once, and R's
# "interrupt" condition follows. The long call runs in a child R process
# that is sent SIGINT a moment after it starts.

child_script <- '
library(powershare)
set.seed(5)
weights <- sample.int(5000, 500, replace = TRUE)
quota <- sum(weights) %/% 2 + 1
cat(Sys.getpid(), "\n", file = Sys.getenv("PS_PID_FILE"))
outcome <- tryCatch({
  ps_power(weights, quota, index = "shapley_shubik")
  "finished"
}, interrupt = function(e) "interrupted")
cat(outcome, "\n", file = Sys.getenv("PS_OUT_FILE"))
'

test_that("a user interrupt stops ps_power() at once as R's interrupt", {
  skip_on_os("windows")
  dir <- tempfile("interrupt")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  script <- file.path(dir, "long.R")
  pid_file <- file.path(dir, "pid")
  out_file <- file.path(dir, "out")
  writeLines(child_script, script)
  env <- c(paste0("R_LIBS=", paste(.libPaths(), collapse = .Platform$path.sep)),
           paste0("PS_PID_FILE=", pid_file), paste0("PS_OUT_FILE=", out_file))
  system2(file.path(R.home("bin"), "Rscript"), script, env = env, wait = FALSE,
          stdout = FALSE, stderr = FALSE)
  for (i in 1:600) if (file.exists(pid_file) && length(readLines(pid_file, warn = FALSE))) break else Sys.sleep(0.05)
  pid <- as.integer(readLines(pid_file, warn = FALSE))
  expect_true(length(pid) == 1 && !is.na(pid))
  Sys.sleep(1)
  sent <- Sys.time()
  tools::pskill(pid, tools::SIGINT)
  for (i in 1:400) if (file.exists(out_file)) break else Sys.sleep(0.05)
  after <- as.numeric(difftime(Sys.time(), sent, units = "secs"))
  expect_true(file.exists(out_file))
  expect_equal(trimws(readLines(out_file, warn = FALSE)), "interrupted")
  expect_lt(after, 5)
})
