{{/*
The self-signed mode's certificate as YAML (caBundle, tlsCrt, tlsKey; base64 PEM). An upgrade keeps what the
cluster holds: the serving Secret, and its CA (ca.crt, else the caBundle of the webhook configuration). Only a
first install, or an upgrade after the Secret was deleted, generates a new CA and serving certificate. The template
runs once per object that needs it; the result is cached on the root context so both objects agree.
*/}}
{{- define "tarnfui.selfSignedCertificate" -}}
{{- if not .tarnfuiSelfSigned }}
{{- $secretName := include "tarnfui.tlsSecretName" . }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $secretName }}
{{- $data := dig "data" (dict) $existing }}
{{- $caBundle := get $data "ca.crt" }}
{{- if not $caBundle }}
{{- $configuration := lookup "admissionregistration.k8s.io/v1" "MutatingWebhookConfiguration" "" (include "tarnfui.fullname" .) }}
{{- range dig "webhooks" (list) $configuration }}
{{- $caBundle = dig "clientConfig" "caBundle" "" . }}
{{- end }}
{{- end }}
{{- $result := dict }}
{{- if and (get $data "tls.crt") (get $data "tls.key") $caBundle }}
{{- $result = dict "caBundle" $caBundle "tlsCrt" (get $data "tls.crt") "tlsKey" (get $data "tls.key") }}
{{- else }}
{{- $service := include "tarnfui.webhookName" . }}
{{- $host := printf "%s.%s.svc" $service .Release.Namespace }}
{{- $ca := genCA (printf "%s-ca" $service) (int .Values.certificates.selfSigned.caDays) }}
{{- $serving := genSignedCert $host nil (list $host (printf "%s.cluster.local" $host)) (int .Values.certificates.selfSigned.days) $ca }}
{{- $result = dict "caBundle" ($ca.Cert | b64enc) "tlsCrt" ($serving.Cert | b64enc) "tlsKey" ($serving.Key | b64enc) }}
{{- end }}
{{- $_ := set . "tarnfuiSelfSigned" $result }}
{{- end }}
{{- toYaml .tarnfuiSelfSigned }}
{{- end }}
