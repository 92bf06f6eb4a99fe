/*
 * predict_find.c - where the prediction model is (ps_predict_model_find,
 * include/powershare/predict.h): the path given, POWERSHARE_MODEL, then the
 * places where the shipped data is (data_find.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_find.h"
#include "util.h"
#include "powershare/predict.h"

int ps_predict_model_find(char **out_path, const char *given, ps_error *err)
{
    *out_path = NULL;
    if (given && *given) {
        if (!(*out_path = psi_strdup(given)))
            return psi_enomem(err);
        return PS_OK;
    }
    const char *env = getenv(PS_PREDICT_MODEL_ENV);
    if (env && *env) {
        if (access(env, R_OK) != 0)
            return psi_error(err, PS_EIO, NULL, 0, 0,
                             "%s names '%s', which cannot be read (%s); set it to a prediction "
                             "model file, or give one with --model FILE",
                             PS_PREDICT_MODEL_ENV, env, strerror(errno));
        if (!(*out_path = psi_strdup(env)))
            return psi_enomem(err);
        return PS_OK;
    }
    psi_buf looked;
    psi_buf_init(&looked);
    int rc = psi_data_find(out_path, PS_PREDICT_MODEL_FILE, &looked, err);
    if (rc == 0) {
        if (looked.failed)
            rc = psi_enomem(err);
        else
            rc = psi_error(err, PS_EIO, NULL, 0, 0,
                           "no prediction model found: %s is not set, and there is none in "
                           "%s; give one with --model FILE or the environment variable %s",
                           PS_PREDICT_MODEL_ENV, looked.data, PS_PREDICT_MODEL_ENV);
    }
    psi_buf_free(&looked);
    return rc < 0 ? rc : PS_OK;
}
