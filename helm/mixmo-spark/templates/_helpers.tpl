{{/*
Names: <release>-<chart> truncated so that the operator's pod and service names stay within
Kubernetes' 63-character limit (a scheduled run adds a timestamp, Spark adds -driver / -svc).
*/}}
{{- define "mixmo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 30 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 30 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mixmo.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}

{{- define "mixmo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The driver jar and main class inside the image (deploy/docker/Dockerfile). */}}
{{- define "mixmo.jar" -}}local:///opt/mixmo/jars/mixmo-driver.jar{{- end -}}
{{- define "mixmo.mainClass" -}}io.mixmo.driver.Main{{- end -}}
{{- define "mixmo.configDir" -}}/etc/mixmo/config{{- end -}}
{{- define "mixmo.javacppCache" -}}/opt/mixmo/javacpp-cache{{- end -}}

{{/*
Refuses secret-like keys given inline: Spark's redaction rule (spark.redaction.regex's default) plus
what the Hadoop connectors document as secret (Azure account keys and SAS tokens, private keys,
credentials, encryption keys, keystore passwords; the application's own rule, Redaction.java, is the
same list). A credentials *provider* (a class name, a keystore path) is not a secret and passes, as do
key-file paths such as google.cloud.auth.service.account.json.keyfile (the file comes from a mounted
Secret). Credentials come from Secrets, through credentials.secretKeyRefs / secretMounts. Secret
references in Spark's own reference keys (spark.kubernetes.*.secretKeyRef.*, *.secrets.*) pass.
*/}}
{{- define "mixmo.secretKeyRegex" -}}
(?i)secret|password|token|access[.]key|account[.]key|credential|private[._-]?key|fs[.]azure[.]sas[.]|encryption[.](key|context)|client-provided-key|(key|trust)store[.]pass|signature[.]key
{{- end -}}
{{- define "mixmo.refuseSecrets" -}}
{{- $where := index . 0 -}}
{{- $regex := include "mixmo.secretKeyRegex" nil -}}
{{- range $k, $v := (index . 1) -}}
{{- $probe := regexReplaceAll "(?i)credentials?[.]provider" $k "" -}}
{{- if and (regexMatch $regex $probe) (not (regexMatch "^spark[.]kubernetes[.](driver|executor)[.](secretKeyRef|secrets)[.]" $k)) -}}
{{- fail (printf "%s.%s looks like a secret: values must not carry credentials; reference a Kubernetes Secret with credentials.secretKeyRefs or credentials.secretMounts instead" $where $k) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The same check for a list of command-line arguments (train.extraArgs): the key of every KEY=VALUE
given to --conf or --set (as the next argument or after "=").
*/}}
{{- define "mixmo.refuseSecretArgs" -}}
{{- $where := index . 0 -}}
{{- $args := index . 1 -}}
{{- $keys := dict -}}
{{- range $i, $a := $args -}}
{{- $s := toString $a -}}
{{- $kv := "" -}}
{{- if regexMatch "^--(conf|set)=" $s -}}
{{- $kv = regexReplaceAll "^--(conf|set)=" $s "" -}}
{{- else if and (has $s (list "--conf" "--set")) (lt (add1 $i) (len $args)) -}}
{{- $kv = toString (index $args (add1 $i)) -}}
{{- end -}}
{{- if contains "=" $kv -}}
{{- $_ := set $keys (first (splitList "=" $kv)) "" -}}
{{- end -}}
{{- end -}}
{{- include "mixmo.refuseSecrets" (list $where $keys) -}}
{{- end -}}

{{/* Spark properties of every application: ours, then the user's sparkConf (which wins). All strings. */}}
{{- define "mixmo.sparkConf" -}}
{{- $v := .Values -}}
{{- include "mixmo.refuseSecrets" (list "sparkConf" $v.sparkConf) -}}
{{- $conf := dict -}}
{{- $_ := set $conf "spark.kubernetes.driverEnv.OMP_NUM_THREADS" (toString $v.driver.cores) -}}
{{- $_ := set $conf "spark.ui.killEnabled" "false" -}}
{{- if $v.metrics.prometheus -}}
{{- $_ := set $conf "spark.ui.port" (toString $v.metrics.port) -}}
{{- $_ := set $conf "spark.metrics.namespace" $v.metrics.namespace -}}
{{- $_ := set $conf "spark.metrics.conf.*.sink.prometheusServlet.class" "org.apache.spark.metrics.sink.PrometheusServlet" -}}
{{- $_ := set $conf "spark.metrics.conf.*.sink.prometheusServlet.path" (trimSuffix "/" $v.metrics.path) -}}
{{- end -}}
{{- if $v.gpu.enabled -}}
{{- $_ := set $conf "spark.executor.resource.gpu.amount" (toString ($v.gpu.perExecutor | int)) -}}
{{- $_ := set $conf "spark.task.resource.gpu.amount" "1" -}}
{{- $_ := set $conf "spark.executor.resource.gpu.discoveryScript" $v.gpu.discoveryScript -}}
{{- $_ := set $conf "spark.executor.resource.gpu.vendor" $v.gpu.vendor -}}
{{- end -}}
{{- range $v.credentials.secretKeyRefs -}}
{{- $ref := printf "%s:%s" .secret .key -}}
{{- $_ := set $conf (printf "spark.kubernetes.driver.secretKeyRef.%s" .env) $ref -}}
{{- $_ := set $conf (printf "spark.kubernetes.executor.secretKeyRef.%s" .env) $ref -}}
{{- end -}}
{{- range $v.credentials.secretMounts -}}
{{- $_ := set $conf (printf "spark.kubernetes.driver.secrets.%s" .secret) .path -}}
{{- $_ := set $conf (printf "spark.kubernetes.executor.secrets.%s" .secret) .path -}}
{{- end -}}
{{- range $k, $val := $v.sparkConf -}}
{{- $_ := set $conf $k (toString $val) -}}
{{- end -}}
{{- toYaml $conf -}}
{{- end -}}

{{/*
Pod hardening of every driver and executor pod: the image's spark user (non-root), a read-only root
file system with emptyDirs where the JVM, ND4J and Spark write (/tmp, the JavaCPP cache, Spark's
working directory; Spark mounts its own local dirs), no privilege escalation, no capabilities, the
runtime's default seccomp profile.
*/}}
{{- define "mixmo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- define "mixmo.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
privileged: false
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- define "mixmo.sparkWorkDir" -}}/opt/spark/work-dir{{- end -}}
{{- define "mixmo.scratchVolumes" -}}
- name: tmp
  emptyDir: {}
- name: javacpp-cache
  emptyDir: {}
- name: spark-work-dir
  emptyDir: {}
{{- end -}}
{{- define "mixmo.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: javacpp-cache
  mountPath: {{ include "mixmo.javacppCache" . }}
- name: spark-work-dir
  mountPath: {{ include "mixmo.sparkWorkDir" . }}
{{- end -}}

{{/*
The SparkApplication spec shared by every application (a ScheduledSparkApplication's template).
Argument: dict "root" (the chart context), "component" (train | evaluate | predict), "args" (YAML list).
*/}}
{{- define "mixmo.sparkSpec" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- include "mixmo.refuseSecrets" (list "hadoopConf" $v.hadoopConf) -}}
type: Java
mode: cluster
{{- if and $v.gpu.enabled $v.gpu.image }}
image: {{ $v.gpu.image | quote }}
{{- else }}
image: {{ include "mixmo.image" $root | quote }}
{{- end }}
imagePullPolicy: {{ $v.image.pullPolicy }}
{{- with $v.image.pullSecrets }}
imagePullSecrets:
{{- toYaml . | nindent 2 }}
{{- end }}
mainClass: {{ include "mixmo.mainClass" $root }}
mainApplicationFile: {{ include "mixmo.jar" $root }}
sparkVersion: {{ $v.sparkVersion | quote }}
arguments:
{{- .args | nindent 2 }}
restartPolicy:
{{- toYaml $v.train.restartPolicy | nindent 2 }}
sparkConf:
{{- include "mixmo.sparkConf" $root | nindent 2 }}
{{- with $v.hadoopConf }}
hadoopConf:
{{- range $k, $val := . }}
  {{ $k | quote }}: {{ toString $val | quote }}
{{- end }}
{{- end }}
{{- with $v.credentials.hadoopConfigMap }}
hadoopConfigMap: {{ . | quote }}
{{- end }}
volumes:
  {{- include "mixmo.scratchVolumes" $root | nindent 2 }}
driver:
  cores: {{ $v.driver.cores }}
  {{- with $v.driver.coreLimit }}
  coreLimit: {{ . | quote }}
  {{- end }}
  memory: {{ $v.driver.memory | quote }}
  memoryOverhead: {{ $v.driver.memoryOverhead | quote }}
  serviceAccount: {{ $v.serviceAccount | quote }}
  javaOptions: {{ printf "-Dorg.bytedeco.javacpp.cachedir=%s -Dorg.bytedeco.javacpp.maxbytes=%s -Dorg.bytedeco.javacpp.maxphysicalbytes=%s" (include "mixmo.javacppCache" $root) $v.driver.javacppMaxBytes $v.driver.javacppMaxPhysicalBytes | quote }}
  podSecurityContext:
    {{- include "mixmo.podSecurityContext" $root | nindent 4 }}
  securityContext:
    {{- include "mixmo.containerSecurityContext" $root | nindent 4 }}
  volumeMounts:
    {{- include "mixmo.scratchMounts" $root | nindent 4 }}
  labels:
    {{- include "mixmo.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
  {{- if $v.metrics.prometheus }}
  annotations:
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.metrics.port | quote }}
    prometheus.io/path: {{ $v.metrics.path | quote }}
  {{- end }}
  {{- if and (eq .component "train") $v.train.config }}
  configMaps:
    - name: {{ include "mixmo.fullname" $root }}-config
      path: {{ include "mixmo.configDir" $root }}
  {{- end }}
executor:
  instances: {{ default $v.train.workers $v.executor.instances }}
  cores: {{ $v.executor.cores }}
  memory: {{ $v.executor.memory | quote }}
  memoryOverhead: {{ $v.executor.memoryOverhead | quote }}
  javaOptions: {{ printf "-Dorg.bytedeco.javacpp.cachedir=%s" (include "mixmo.javacppCache" $root) | quote }}
  podSecurityContext:
    {{- include "mixmo.podSecurityContext" $root | nindent 4 }}
  securityContext:
    {{- include "mixmo.containerSecurityContext" $root | nindent 4 }}
  volumeMounts:
    {{- include "mixmo.scratchMounts" $root | nindent 4 }}
  labels:
    {{- include "mixmo.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
  {{- if $v.gpu.enabled }}
  gpu:
    name: {{ $v.gpu.resourceName | quote }}
    quantity: {{ $v.gpu.perExecutor }}
  {{- end }}
{{- end -}}
