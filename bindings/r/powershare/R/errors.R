# The library's errors as R conditions. The compiled code calls
# .ps_condition() after freeing what it held; the condition carries the
# library's code and the input's file, line and column, and its classes
# name the kind ("powershare_parse_error", "powershare_data_error", ...)
# before "powershare_error", "error", "condition". A computation stopped by
# a user interrupt comes back as R's "interrupt" condition instead.

.ps_error_classes <- c("-2" = "powershare_usage_error", "-3" = "powershare_file_error",
                       "-4" = "powershare_parse_error", "-5" = "powershare_data_error",
                       "-6" = "powershare_tie_error", "-7" = "powershare_too_large_error")

.ps_condition <- function(code, message, file, line, column) {
  if (code == -8L) {
    # PS_ECANCELED: the user interrupted a long computation (Ctrl-C, Esc),
    # which the compiled code stopped; carry on as R's own interrupt does
    signalCondition(structure(class = c("interrupt", "condition"),
                              list(message = "", call = NULL)))
    invokeRestart("abort")
  }
  kind <- .ps_error_classes[[as.character(code)]]
  if (is.null(kind)) kind <- "powershare_internal_error"
  where <- if (!is.na(file) && line > 0) sprintf("%s:%d:%d: ", file, line, column)
           else if (!is.na(file)) paste0(file, ": ") else ""
  stop(structure(class = c(kind, "powershare_error", "error", "condition"),
                 list(message = paste0(where, message), call = NULL, code = code,
                      file = if (is.na(file)) NULL else file, line = line, column = column)))
}
