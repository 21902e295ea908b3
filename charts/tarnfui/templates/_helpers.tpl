{{/* The chart name, or nameOverride. */}}
{{- define "tarnfui.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, else the release name when it already holds the chart name,
else "<release>-<name>". Room is left for the longest suffix (-sweeper-leader-election).
*/}}
{{- define "tarnfui.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 39 | trimSuffix "-" }}
{{- else }}
{{- $name := include "tarnfui.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 39 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 39 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tarnfui.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels of one program (dict "root" $ "component" "webhook"). Tarnfui is one per cluster (its webhook
configuration and cluster roles are cluster-wide), so selectors carry no instance label: a selector is immutable
and must match the kustomize install's for an install to be taken over.
*/}}
{{- define "tarnfui.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tarnfui.name" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one program's objects (dict "root" $ "component" "webhook"). */}}
{{- define "tarnfui.labels" -}}
{{ include "tarnfui.selectorLabels" . }}
app.kubernetes.io/part-of: tarnfui
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "tarnfui.chart" .root }}
{{- end }}

{{/* Labels of objects shared by both programs. */}}
{{- define "tarnfui.commonLabels" -}}
app.kubernetes.io/name: {{ include "tarnfui.name" . }}
app.kubernetes.io/part-of: tarnfui
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "tarnfui.chart" . }}
{{- end }}

{{- define "tarnfui.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "tarnfui.webhookName" -}}{{ include "tarnfui.fullname" . }}-webhook{{- end }}
{{- define "tarnfui.sweeperName" -}}{{ include "tarnfui.fullname" . }}-sweeper{{- end }}
{{- define "tarnfui.configName" -}}{{ include "tarnfui.fullname" . }}-config{{- end }}

{{/* The Secret the webhook serves from: the one given in mode "secret", else <fullname>-webhook-tls. */}}
{{- define "tarnfui.tlsSecretName" -}}
{{- if eq .Values.certificates.mode "secret" }}
{{- required "certificates.secret.name is required with certificates.mode=secret" .Values.certificates.secret.name }}
{{- else }}
{{- include "tarnfui.webhookName" . }}-tls
{{- end }}
{{- end }}

{{/* The sweeper's user name, which the webhook never intercepts. */}}
{{- define "tarnfui.sweeperUsername" -}}
system:serviceaccount:{{ .Release.Namespace }}:{{ include "tarnfui.sweeperName" . }}
{{- end }}

{{/* Pod settings an operator sets for both programs (dict "root" $ "component" "webhook"). */}}
{{- define "tarnfui.podPlacement" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
affinity:
{{- if .root.Values.affinity }}
  {{- toYaml .root.Values.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    # Preferred, not required: a single-node cluster must still run every replica.
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "tarnfui.selectorLabels" . | nindent 14 }}
{{- end }}
{{- end }}

{{/* The hardened container security context both programs share ("restricted" Pod Security Standard). */}}
{{- define "tarnfui.containerSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  privileged: false
  capabilities:
    drop: ["ALL"]
  seccompProfile:
    type: RuntimeDefault
{{- end }}
